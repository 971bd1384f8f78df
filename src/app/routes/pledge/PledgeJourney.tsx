import { For, Match, Show, Switch, createEffect, createSignal } from 'solid-js';
import { PLEDGE_LIMITS, pledgeSpec } from '../../../core/records/pledge';
import type { FieldError } from '../../../core/validation';
import { askForPersistentStorage, db, profile, requestSync } from '../../appState';
import { saveRecord } from '../../data/records';
import { language, t } from '../../i18n';
import { navigate } from '../../router';
import { Checkbox, ErrorSummary, SelectField, StepActions, TextArea, TextField, errorText } from '../../ui/form';
import { Localized } from '../../ui/Localized';
import { SummaryList } from '../../ui/SummaryList';
import { draft, isJourneyInProgress, pledgeData, resetDraft, setDraft, stepErrors } from './draft';
import { PledgeDone } from './PledgeDone';
import { nextStep, previousStep, stepPath, type PledgeStep } from './steps';

const stepFields: Record<Exclude<PledgeStep, 'done' | 'read' | 'check'>, string[]> = {
  name: ['name'],
  ward: ['ward'],
  message: ['message', 'showMessage'],
  email: ['email', 'emailConsent'],
};

const [lastSaved, setLastSaved] = createSignal<{ id: string; ref: string } | undefined>();

export function PledgeJourney(props: { step: PledgeStep }) {
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const fieldLabel = (field: string) => t(`pledge.fields.${field}`);
  const limits: Record<string, number> = PLEDGE_LIMITS;
  const message = (e: FieldError) => errorText(e, fieldLabel(e.field), { max: limits[e.field] });
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? message(e) : undefined;
  };
  const summary = () => errors().map((e) => ({ field: e.field, message: message(e) }));

  // Arriving mid-journey without having read the pledge (a reload, a bookmark) starts at the beginning.
  createEffect(() => {
    if (props.step === 'done' && !lastSaved()) navigate('/pledge', { replace: true });
    else if (props.step !== 'read' && props.step !== 'done' && !draft.read) navigate('/pledge', { replace: true });
    setErrors([]);
  });

  const go = (step: PledgeStep) => {
    if (step !== 'read' && step !== 'done') {
      const fields = stepFields[step as keyof typeof stepFields];
      if (fields) {
        const found = stepErrors(profile(), fields);
        setErrors(found);
        if (found.length) return;
      }
    }
    navigate(stepPath(nextStep(step)));
  };

  const [saving, setSaving] = createSignal(false);
  const sign = async () => {
    if (saving()) return;
    setSaving(true);
    try {
      const saved = await saveRecord(db, pledgeSpec(profile()), pledgeData(profile()), language());
      if (!saved.ok) {
        setErrors(saved.errors);
        return;
      }
      setLastSaved({ id: saved.id, ref: saved.ref });
      resetDraft();
      navigate('/pledge/done', { replace: true });
      void askForPersistentStorage();
      void requestSync('saved');
    } finally {
      setSaving(false);
    }
  };

  const submit = (step: PledgeStep) => (event: SubmitEvent) => {
    event.preventDefault();
    if (step === 'check') void sign();
    else go(step);
  };

  const back = () => previousStep(props.step);
  const wardOptions = () => [
    { value: '', label: t('pledge.ward.none') },
    ...profile().wards.map((w) => ({ value: w.id, label: w.name })),
  ];

  return (
    <Switch>
      <Match when={props.step === 'done'}>
        <Show when={lastSaved()}>{(saved) => <PledgeDone id={saved().id} reference={saved().ref} />}</Show>
      </Match>
      <Match when={true}>
        <ErrorSummary errors={summary()} />
        <form class="journey" novalidate onSubmit={submit(props.step)}>
          <Switch>
            <Match when={props.step === 'read'}>
              <PledgeText />
              <div class="actions">
                <button
                  type="submit"
                  class="button"
                  onClick={() => setDraft('read', true)}
                >
                  {t('pledge.read.continue')}
                </button>
              </div>
            </Match>
            <Match when={props.step === 'name'}>
              <TextField
                name="name"
                asHeading
                label={t('pledge.name.question')}
                hint={t('pledge.name.hint', { max: PLEDGE_LIMITS.name })}
                error={errorFor('name')}
                value={draft.name}
                autocomplete="nickname"
                onInput={(v) => setDraft('name', v)}
              />
              <Continue back={back()} />
            </Match>
            <Match when={props.step === 'ward'}>
              <SelectField
                name="ward"
                asHeading
                label={t('pledge.ward.question')}
                hint={t('pledge.ward.hint')}
                error={errorFor('ward')}
                value={draft.ward}
                options={wardOptions()}
                onChange={(v) => setDraft('ward', v)}
              />
              <Continue back={back()} />
            </Match>
            <Match when={props.step === 'message'}>
              <TextArea
                name="message"
                asHeading
                label={t('pledge.message.question')}
                hint={t('pledge.message.hint', { max: PLEDGE_LIMITS.message })}
                error={errorFor('message')}
                value={draft.message}
                onInput={(v) => setDraft('message', v)}
              />
              <Checkbox
                name="showMessage"
                label={t('pledge.message.show')}
                hint={t('pledge.message.showHint')}
                error={errorFor('showMessage')}
                checked={draft.showMessage}
                onChange={(v) => setDraft('showMessage', v)}
              />
              <Continue back={back()} />
            </Match>
            <Match when={props.step === 'email'}>
              <h1>{t('pledge.email.question')}</h1>
              <div class="notice" role="note" aria-labelledby="email-notice-title">
                <h2 id="email-notice-title">{t('pledge.email.noticeTitle')}</h2>
                <Localized text={profile().privacy.pledgeEmail} as="p" />
                <p>
                  <a href="/privacy" class="link-alone">{t('pledge.email.fullNotice')}</a>
                </p>
              </div>
              <TextField
                name="email"
                type="email"
                label={t('pledge.fields.email')}
                hint={t('pledge.email.hint')}
                error={errorFor('email')}
                value={draft.email}
                autocomplete="email"
                onInput={(v) => setDraft('email', v)}
              />
              <Checkbox
                name="emailConsent"
                label={t('pledge.email.consent')}
                error={errorFor('emailConsent')}
                checked={draft.emailConsent}
                onChange={(v) => setDraft('emailConsent', v)}
              />
              <Continue back={back()} />
            </Match>
            <Match when={props.step === 'check'}>
              <h1>{t('pledge.check.title')}</h1>
              <CheckAnswers />
              <p>{t('pledge.check.declaration')}</p>
              <Continue back={back()} label={t('pledge.check.sign')} disabled={saving()} />
            </Match>
          </Switch>
        </form>
        <Show when={isJourneyInProgress()}>
          <p class="journey-note">{t('pledge.notStoredYet')}</p>
        </Show>
      </Match>
    </Switch>
  );
}

/**
 * The step's way on and way back, side by side as a wizard's are: back at the start, the way on after it in
 * the reading direction (on the right in English, on the left in Urdu and Arabic).
 */
function Continue(props: { back: PledgeStep | undefined; label?: string; disabled?: boolean }) {
  return (
    <StepActions
      backHref={props.back ? stepPath(props.back) : undefined}
      backLabel={t('form.back')}
      label={props.label ?? t('form.continue')}
      disabled={props.disabled ?? false}
    />
  );
}

function PledgeText() {
  const p = () => profile().pledge;
  return (
    <>
      <Localized text={p().title} as="h1" />
      <Localized text={p().intro} as="p" class="lead" />
      <ol class="pledge-commitments">
        <For each={p().commitments}>{(c) => <Localized text={c.text} as="li" />}</For>
      </ol>
      <Show when={p().bslVideoUrl}>
        {(url) => (
          <p>
            <a href={url()} rel="noopener" target="_blank">
              {t('pledge.read.bsl')}
            </a>
          </p>
        )}
      </Show>
    </>
  );
}

function CheckAnswers() {
  const wardName = () => profile().wards.find((w) => w.id === draft.ward)?.name ?? t('pledge.check.notGiven');
  const rows = (): { key: string; step: PledgeStep; value: string }[] => [
    { key: 'name', step: 'name', value: draft.name },
    { key: 'ward', step: 'ward', value: wardName() },
    { key: 'message', step: 'message', value: draft.message || t('pledge.check.notGiven') },
    { key: 'showMessage', step: 'message', value: draft.message ? (draft.showMessage ? t('form.yes') : t('form.no')) : t('pledge.check.notGiven') },
    { key: 'email', step: 'email', value: draft.email || t('pledge.check.notGiven') },
  ];
  return (
    <SummaryList rows={rows().map((row) => ({ key: row.key, value: row.value, href: stepPath(row.step) }))} label={(key) => t(`pledge.fields.${key}`)} />
  );
}

