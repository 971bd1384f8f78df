import { For, Show, createSignal, onMount } from 'solid-js';
import { checkReferenceForm, referenceCategories, referenceField, referenceFormFrom, referenceValues } from '../../../../core/profile/reference';
import type { TownProfile } from '../../../../core/profile/schema';
import type { FieldError } from '../../../../core/validation';
import { ErrorSummary } from '../../../ui/form';
import { api } from '../api';
import { at, fieldText } from '../i18n';
import { InputField, Loading, ProblemBox, SuccessBox } from '../ui';
import { categoryLabel, valueLabel } from './labels';

const ownWords: Record<'source' | 'figure', string[]> = { source: ['required', 'too-long'], figure: ['invalid-format', 'invalid-distribution'] };

/**
 * Town figures: the census figures the council enters, with their source, that "who is missing" compares
 * sign-ups with. Admins only; saved through PUT /profile/reference, which touches nothing else.
 */
export function ReferencePage() {
  const [profile, setProfile] = createSignal<TownProfile>();
  const [source, setSource] = createSignal('');
  const [shares, setShares] = createSignal<Record<string, string>>({});
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const show = (p: TownProfile) => {
    setProfile(p);
    const form = referenceFormFrom(p.reference);
    setSource(form.source);
    setShares(form.shares);
  };
  onMount(async () => {
    const answer = await api<{ profile: TownProfile }>('GET', '/profile');
    if (answer.ok) show(answer.data.profile);
    else setProblem(answer.error);
  });

  const values = () => referenceValues((profile()?.wards ?? []).map((w) => w.id));
  /** A figure's field named as staff read it: "18 to 24 (Age)". */
  const label = (field: string) => {
    if (field === 'source') return at('admin.reference.source');
    const [category = '', value = ''] = field.split('--');
    return at('admin.reference.figureName', { value: valueLabel(category, value), category: categoryLabel(category) });
  };
  const message = (e: FieldError) => {
    const kind = e.field === 'source' ? 'source' : 'figure';
    // This page's own words where it has them; otherwise the catalogue's, naming the field.
    if (!ownWords[kind].includes(e.code)) return fieldText(e, label(e.field));
    return at(`admin.reference.errors.${kind}.${e.code}`, { field: label(e.field), category: categoryLabel(e.field.split('--')[0] ?? '') });
  };
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? message(e) : undefined;
  };

  /** The server names fields from the request ("reference.categories.gender.woman"): the form's names. */
  const formField = (field: string) => {
    const [, part, category, value] = field.split('.');
    if (part === 'categories' && category && value) return referenceField(category, value);
    return part === 'source' ? 'source' : field;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    setProblem(undefined);
    const checked = checkReferenceForm({ source: source(), shares: shares() });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors([]);
    setBusy(true);
    const answer = await api<{ profile: TownProfile }>('PUT', '/profile/reference', { reference: checked.value ?? null });
    setBusy(false);
    if (answer.ok) {
      show(answer.data.profile);
      setDone(at(answer.data.profile.reference ? 'admin.reference.saved' : 'admin.reference.removed'));
    } else if (answer.fields) setErrors(answer.fields.map((f) => ({ ...f, field: formField(f.field) })));
    else setProblem(answer.error);
  };

  return (
    <>
      <h1>{at('admin.reference.title')}</h1>
      <p class="lead">{at('admin.reference.intro')}</p>
      <p>{at('admin.reference.howToUse')}</p>
      <ErrorSummary errors={errors().map((e) => ({ field: e.field, message: message(e) }))} />
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus>
        <p>
          <a href="/admin/missing">{at('admin.reference.seeMissing')}</a>
        </p>
      </SuccessBox>
      <Show when={profile()} fallback={<Show when={!problem()}><Loading /></Show>}>
        <form novalidate class="reference-form" onSubmit={(e) => void submit(e)}>
          <InputField name="source" label={at('admin.reference.source')} hint={at('admin.reference.sourceHint')} error={errorFor('source')} value={source()} onInput={setSource} maxLength={400} />
          <For each={referenceCategories.filter((c) => values()[c].length > 0)}>
            {(category) => (
              <fieldset class="card" aria-describedby={`reference-${category}-hint`}>
                <legend class="label">{categoryLabel(category)}</legend>
                <p class="hint" id={`reference-${category}-hint`}>
                  {at('admin.reference.categoryHint')}
                </p>
                <div class="reference-grid">
                  <For each={values()[category]}>
                    {(value) => {
                      const field = referenceField(category, value);
                      return (
                        <InputField
                          name={field}
                          label={valueLabel(category, value)}
                          error={errorFor(field)}
                          value={shares()[field] ?? ''}
                          onInput={(text) => setShares((s) => ({ ...s, [field]: text }))}
                          width="code"
                          ltr
                          maxLength={8}
                        />
                      );
                    }}
                  </For>
                </div>
              </fieldset>
            )}
          </For>
          <button type="submit" class="button" disabled={busy()}>
            {at('admin.reference.save')}
          </button>
        </form>
      </Show>
    </>
  );
}
