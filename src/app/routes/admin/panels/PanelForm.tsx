import { For, Show, createSignal, onMount } from 'solid-js';
import { balanceCategories, DEFAULT_MIN_AGE, panelMinAges } from '../../../../core/panels/answers';
import { panelFormats, panelSchema, panelStatuses, type StaffPanel } from '../../../../core/panels/panel';
import { check } from '../../../../core/validation';
import { navigate } from '../../../router';
import { ErrorSummary, SelectField, TextArea } from '../../../ui/form';
import { at, languageName } from '../i18n';
import { staffProfile } from '../session';
import { InputField, Loading, ProblemBox, Radios, createErrors } from '../ui';
import { categoryLabel } from './labels';
import { getPanel, savePanel } from './panelsApi';

const labels: Record<string, string> = {
  topic: 'admin.panels.form.topic',
  description: 'admin.panels.form.description',
  format: 'admin.panels.form.format',
  place: 'admin.panels.form.place',
  ward: 'admin.panels.form.ward',
  startsAt: 'admin.panels.form.startsAt',
  endsAt: 'admin.panels.form.endsAt',
  signupDeadline: 'admin.panels.form.signupDeadline',
  size: 'admin.panels.form.size',
  reserves: 'admin.panels.form.reserves',
  minAge: 'admin.panels.form.minAge',
  categories: 'admin.panels.form.categories',
  quotas: 'admin.panels.form.categories',
  status: 'admin.panels.form.status',
};

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as the local date and time the inputs show. */
function toLocal(iso: string | undefined): { date: string; time: string } {
  const d = iso ? new Date(iso) : undefined;
  if (!d || Number.isNaN(d.getTime())) return { date: '', time: '' };
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}
/** The inputs' local date and time as an instant; what cannot be read is passed on for the schema to name. */
function fromLocal(date: string, time: string): string | undefined {
  if (!date.trim()) return undefined;
  const d = new Date(`${date.trim()}T${time.trim() || '00:00'}`);
  return Number.isNaN(d.getTime()) ? `${date} ${time}` : d.toISOString();
}
/** A whole number typed in a box; anything else goes to the schema as typed, so it says what is wrong. */
const whole = (text: string): unknown => (/^\s*\d+\s*$/.test(text) ? Number(text) : text.trim() === '' ? undefined : text);

/** Create a panel (`id` undefined) or change one: every field of the issue, in English and each profile language. */
export function PanelForm(props: { id: string | undefined }) {
  const [loaded, setLoaded] = createSignal(props.id === undefined);
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [topic, setTopic] = createSignal<Record<string, string>>({});
  const [description, setDescription] = createSignal<Record<string, string>>({});
  const [format, setFormat] = createSignal('');
  const [place, setPlace] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [starts, setStarts] = createSignal({ date: '', time: '' });
  const [ends, setEnds] = createSignal({ date: '', time: '' });
  const [deadline, setDeadline] = createSignal({ date: '', time: '23:59' });
  const [size, setSize] = createSignal('');
  const [reserves, setReserves] = createSignal('0');
  const [minAge, setMinAge] = createSignal(String(DEFAULT_MIN_AGE));
  const [categories, setCategories] = createSignal<string[]>([]);
  const [status, setStatus] = createSignal<StaffPanel['status']>('draft');
  const [existing, setExisting] = createSignal<StaffPanel>();
  const errors = createErrors((field) => at(labels[field] ?? 'admin.panels.form.topic'));

  onMount(async () => {
    if (!props.id) return;
    const answer = await getPanel(props.id);
    if (!answer.ok) return setProblem(answer.error);
    const p = answer.data;
    setExisting(p);
    setTopic({ ...p.topic });
    setDescription({ ...p.description });
    setFormat(p.format);
    setPlace(p.place ?? '');
    setWard(p.ward ?? '');
    setStarts(toLocal(p.startsAt));
    setEnds(toLocal(p.endsAt));
    setDeadline(toLocal(p.signupDeadline));
    setSize(String(p.size));
    setReserves(String(p.reserves));
    setMinAge(String(p.minAge));
    setCategories([...p.categories]);
    setStatus(p.status);
    setLoaded(true);
  });

  const profile = () => staffProfile();
  const otherLanguages = () => (profile()?.languages ?? []).filter((l) => l.code !== 'en');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = profile();
    if (!current) return setProblem('offline');
    const body = {
      topic: topic(),
      description: description(),
      format: format() || undefined,
      place: place(),
      ward: ward() || undefined,
      startsAt: fromLocal(starts().date, starts().time),
      endsAt: fromLocal(ends().date, ends().time),
      signupDeadline: fromLocal(deadline().date, deadline().time),
      size: whole(size()),
      reserves: whole(reserves()) ?? 0,
      minAge: Number(minAge()),
      categories: categories(),
      quotas: existing()?.quotas.filter((q) => categories().includes(q.category)) ?? [],
      status: status(),
    };
    const checked = check(panelSchema(current), body);
    if (!checked.ok) return errors.set(checked.errors, 'topic');
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await savePanel(props.id, checked.value);
    setBusy(false);
    if (!answer.ok) {
      if (answer.fields) errors.set(answer.fields, 'topic');
      else setProblem(answer.error);
      return;
    }
    navigate('/admin/panels');
  };

  const toggle = (category: string, on: boolean) => setCategories((list) => (on ? [...list.filter((c) => c !== category), category] : list.filter((c) => c !== category)));

  return (
    <>
      <h1>{at(props.id ? 'admin.panels.form.editTitle' : 'admin.panels.form.createTitle')}</h1>
      <p>
        <a href="/admin/panels">{at('admin.panels.backToList')}</a>
      </p>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <Show when={loaded() && profile()} fallback={<Show when={!problem()}><Loading /></Show>}>
        <form novalidate class="panel-form" onSubmit={(e) => void submit(e)}>
          <fieldset class="card">
            <legend class="label">{at('admin.panels.form.about')}</legend>
            <InputField name="topic" label={at('admin.panels.form.topicIn', { language: languageName('en') })} hint={at('admin.panels.form.topicHint')} error={errors.errorFor('topic')} value={topic()['en'] ?? ''} onInput={(v) => setTopic((t) => ({ ...t, en: v }))} maxLength={200} />
            <TextArea name="description" label={at('admin.panels.form.descriptionIn', { language: languageName('en') })} hint={at('admin.panels.form.descriptionHint')} error={errors.errorFor('description')} value={description()['en'] ?? ''} onInput={(v) => setDescription((d) => ({ ...d, en: v }))} rows={5} />
            {/* Open when there is something in it (a panel being changed), so nothing typed is out of sight. */}
            <details class="translations" open={otherLanguages().some((l) => topic()[l.code] || description()[l.code])}>
              <summary>{at('admin.panels.form.otherLanguages')}</summary>
              <p class="hint">{at('admin.panels.form.translationHint')}</p>
              <For each={otherLanguages()}>
                {(l) => (
                  <div class="translation">
                    <InputField name={`topic-${l.code}`} label={at('admin.panels.form.topicIn', { language: languageName(l.code) })} value={topic()[l.code] ?? ''} onInput={(v) => setTopic((t) => ({ ...t, [l.code]: v }))} maxLength={200} />
                    <TextArea name={`description-${l.code}`} label={at('admin.panels.form.descriptionIn', { language: languageName(l.code) })} value={description()[l.code] ?? ''} onInput={(v) => setDescription((d) => ({ ...d, [l.code]: v }))} rows={4} />
                  </div>
                )}
              </For>
            </details>
          </fieldset>

          <fieldset class="card">
            <legend class="label">{at('admin.panels.form.when')}</legend>
            <Radios name="format" legend={at('admin.panels.form.format')} error={errors.errorFor('format')} value={format()} onChange={setFormat} options={panelFormats.map((f) => ({ value: f, label: at(`admin.panels.format.${f}`) }))} />
            <InputField name="place" label={at('admin.panels.form.place')} hint={at('admin.panels.form.placeHint')} error={errors.errorFor('place')} value={place()} onInput={setPlace} maxLength={250} />
            <SelectField name="ward" label={at('admin.panels.form.ward')} error={errors.errorFor('ward')} value={ward()} onChange={setWard} options={[{ value: '', label: at('admin.panels.form.noWard') }, ...(profile()?.wards ?? []).map((w) => ({ value: w.id, label: w.name }))]} />
            <div class="field-pair">
              <InputField name="startsAt" type="date" width="date" ltr label={at('admin.panels.form.startsAt')} error={errors.errorFor('startsAt')} value={starts().date} onInput={(v) => setStarts((s) => ({ ...s, date: v }))} />
              <InputField name="startsAt-time" type="time" width="date" ltr label={at('admin.panels.form.startsAtTime')} value={starts().time} onInput={(v) => setStarts((s) => ({ ...s, time: v }))} />
            </div>
            <div class="field-pair">
              <InputField name="endsAt" type="date" width="date" ltr label={at('admin.panels.form.endsAt')} error={errors.errorFor('endsAt')} value={ends().date} onInput={(v) => setEnds((s) => ({ ...s, date: v }))} />
              <InputField name="endsAt-time" type="time" width="date" ltr label={at('admin.panels.form.endsAtTime')} value={ends().time} onInput={(v) => setEnds((s) => ({ ...s, time: v }))} />
            </div>
            <div class="field-pair">
              <InputField name="signupDeadline" type="date" width="date" ltr label={at('admin.panels.form.signupDeadline')} hint={at('admin.panels.form.deadlineHint')} error={errors.errorFor('signupDeadline')} value={deadline().date} onInput={(v) => setDeadline((s) => ({ ...s, date: v }))} />
              <InputField name="signupDeadline-time" type="time" width="date" ltr label={at('admin.panels.form.signupDeadlineTime')} value={deadline().time} onInput={(v) => setDeadline((s) => ({ ...s, time: v }))} />
            </div>
          </fieldset>

          <fieldset class="card">
            <legend class="label">{at('admin.panels.form.who')}</legend>
            <InputField name="size" inputmode="numeric" width="date" ltr label={at('admin.panels.form.size')} hint={at('admin.panels.form.sizeHint')} error={errors.errorFor('size')} value={size()} onInput={setSize} />
            <InputField name="reserves" inputmode="numeric" width="date" ltr label={at('admin.panels.form.reserves')} hint={at('admin.panels.form.reservesHint')} error={errors.errorFor('reserves')} value={reserves()} onInput={setReserves} />
            <SelectField name="minAge" label={at('admin.panels.form.minAge')} hint={at('admin.panels.form.minAgeHint')} error={errors.errorFor('minAge')} value={minAge()} onChange={setMinAge} options={panelMinAges.map((a) => ({ value: String(a), label: at('admin.panels.form.age', { age: a }) }))} />
            <div class="field" classList={{ 'field--error': !!errors.errorFor('categories') }}>
              <fieldset class="radios-fieldset" aria-describedby="field-categories-hint">
                <legend class="label">{at('admin.panels.form.categories')}</legend>
                <p class="hint" id="field-categories-hint">
                  {at('admin.panels.form.categoriesHint')}
                </p>
                <Show when={errors.errorFor('categories')}>
                  <p class="field-error">{errors.errorFor('categories')}</p>
                </Show>
                <div class="checkboxes">
                  <For each={balanceCategories}>
                    {(c, i) => (
                      <div class="checkbox">
                        <input id={i() === 0 ? 'field-categories' : `field-categories-${c}`} type="checkbox" name="categories" value={c} checked={categories().includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
                        <label for={i() === 0 ? 'field-categories' : `field-categories-${c}`}>{categoryLabel(c)}</label>
                      </div>
                    )}
                  </For>
                </div>
              </fieldset>
            </div>
            <Radios name="status" legend={at('admin.panels.form.status')} error={errors.errorFor('status')} value={status()} onChange={(v) => setStatus(v as StaffPanel['status'])} options={panelStatuses.map((s) => ({ value: s, label: at(`admin.panels.status.${s}`), hint: at(`admin.panels.status.${s}Explained`) }))} />
          </fieldset>
          <button type="submit" class="button" aria-disabled={busy() ? 'true' : undefined}>
            {at(props.id ? 'admin.panels.form.save' : 'admin.panels.form.create')}
          </button>
        </form>
      </Show>
    </>
  );
}
