import { For, Match, Show, Switch, createEffect, createSignal, on } from 'solid-js';
import {
  accessNeeds,
  disabilityAnswers,
  ethnicGroups,
  genderAnswers,
  oldEnough,
  OWN_WORDS,
  PREFER_NOT,
  religionAnswers,
  signupAgeBands,
  type SignupAgeBand,
} from '../../../core/panels/answers';
import type { PublicPanel } from '../../../core/panels/panel';
import { localize } from '../../../core/profile/schema';
import { OTHER_LANGUAGE, SIGNUP_LIMITS, signupPanelProblems, signupSpec } from '../../../core/records/signup';
import type { FieldError } from '../../../core/validation';
import { askForPersistentStorage, awaitingFirstCatalog, catalog, db, profile, requestSync } from '../../appState';
import { saveRecord } from '../../data/records';
import { language, t } from '../../i18n';
import { navigate } from '../../router';
import { Checkbox, ChoiceGroup, ErrorSummary, StepActions, TextArea, TextField } from '../../ui/form';
import { SummaryList } from '../../ui/SummaryList';
import { createDraft, emptyDraft, fieldOf, sharedDraft, signupData, stepErrors, type DraftStore } from './draft';
import { openPanels } from './openPanels';
import { PanelFacts } from './PanelDetails';
import { SignupDone } from './SignupDone';
import { journeySteps, nextStep, previousStep, reachable, stepPath, type JourneyFacts, type SignupStep } from './steps';

/** The fields each step asks for: its errors come from the core schema, filtered to these. */
const stepFields: Partial<Record<SignupStep, string[]>> = {
  choose: ['panels'],
  age: ['ageBand'],
  name: ['name'],
  contact: ['email', 'phone', 'contactConsent'],
  language: ['preferredLanguage', 'preferredLanguageOther'],
  access: ['accessNeeds', 'accessNotes'],
  gender: ['gender', 'genderOwnWords'],
  ethnicity: ['ethnicity', 'ethnicityOwnWords'],
  disability: ['disability'],
  ward: ['ward'],
  religion: ['religion', 'religionOwnWords'],
};

const limits: Record<string, number> = {
  name: SIGNUP_LIMITS.name,
  accessNotes: SIGNUP_LIMITS.accessNotes,
  preferredLanguageOther: SIGNUP_LIMITS.languageOther,
  genderOwnWords: SIGNUP_LIMITS.ownWords,
  ethnicityOwnWords: SIGNUP_LIMITS.ownWords,
  religionOwnWords: SIGNUP_LIMITS.ownWords,
};

const [lastSaved, setLastSaved] = createSignal<{ id: string; ref: string } | undefined>();

/**
 * The panel sign-up journey: choose panels → age → name → contact → preferred language → access needs →
 * equality questions (with their notice and own consent) → check your answers → confirmation. In kiosk mode
 * (`kiosk`) the draft is this journey's own, and `onDone` is called instead of showing the reference, so the
 * next person sees nothing of it.
 */
export function SignupJourney(props: { step: SignupStep; kiosk?: boolean; onDone?: () => void }) {
  const [draft, setDraft]: DraftStore = props.kiosk ? createDraft() : sharedDraft();
  const [errors, setErrors] = createSignal<FieldError[]>([]);

  const available = () => openPanels(catalog().panels ?? [], Date.now());
  const panelById = (id: string) => (catalog().panels ?? []).find((p) => p.id === id);
  const topic = (p: PublicPanel) => localize(p.topic as { en: string }, language()).text;
  const facts = (): JourneyFacts => ({
    ageBand: draft.ageBand,
    minAges: draft.panels.map((id) => panelById(id)?.minAge ?? 0),
    equalityConsent: draft.equality === 'answer',
  });

  const label = (field: string) => t(`panels.fields.${field}`);
  const message = (e: FieldError) =>
    t([`panels.errors.${e.field}.${e.code}`, `errors.${e.code}`], { field: label(e.field), max: limits[e.field] });
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? message(e) : undefined;
  };
  const summary = () => errors().map((e) => ({ field: e.field, message: message(e) }));

  // A panel named in the address (from the list's "Sign up" button) is chosen for the resident.
  if (props.step === 'choose' && typeof location !== 'undefined') {
    const wanted = new URLSearchParams(location.search).get('panel');
    if (wanted && available().some((p) => p.id === wanted) && !draft.panels.includes(wanted)) setDraft('panels', [...draft.panels, wanted]);
  }

  // A reload or a typed address mid-journey goes back to the first step that is missing.
  createEffect(
    on(
      () => props.step,
      (step) => {
        setErrors([]);
        if (step === 'done') {
          if (!lastSaved()) navigate(stepPath('choose'), { replace: true });
        } else if (!reachable(step, facts(), draft.panels.length)) {
          navigate(stepPath(draft.panels.length === 0 ? 'choose' : 'age'), { replace: true });
        }
      },
    ),
  );

  const go = (step: SignupStep) => {
    if (step === 'language' && draft.preferredLanguage === '') setDraft('preferredLanguage', language());
    const fields = stepFields[step];
    if (fields) {
      const found = stepErrors(profile(), draft, fields);
      setErrors(found);
      if (found.length) return;
    }
    if (step === 'age') {
      // Panels for older residents are taken off the choice, kindly; if none is left, the journey stops here.
      const band = draft.ageBand as SignupAgeBand;
      const fits = draft.panels.filter((id) => oldEnough(band, panelById(id)?.minAge ?? 0));
      if (band !== 'under-13' && fits.length > 0 && fits.length < draft.panels.length) {
        setDraft('dropped', draft.panels.filter((id) => !fits.includes(id)));
        setDraft('panels', fits);
      } else setDraft('dropped', []);
    }
    if (step === 'equality' && draft.equality === '') {
      setErrors([{ field: 'equalityConsent', code: 'required' }]);
      return;
    }
    navigate(stepPath(nextStep(step, facts())));
  };

  const [saving, setSaving] = createSignal(false);
  const send = async () => {
    if (saving()) return;
    // The device's own check of the panels (the server checks again with its clock).
    const now = new Date().toISOString();
    const panelProblems = signupPanelProblems(
      { panels: draft.panels, ageBand: draft.ageBand as SignupAgeBand },
      available().map((p) => ({ id: p.id, minAge: p.minAge, signupDeadline: p.signupDeadline })),
      { createdAt: now, receivedAt: now },
    );
    if (panelProblems.length) return setErrors(panelProblems);
    setSaving(true);
    try {
      const saved = await saveRecord(db, signupSpec(profile()), signupData(draft), language());
      if (!saved.ok) return setErrors(saved.errors.map((e) => ({ ...e, field: fieldOf(e.field) })));
      void askForPersistentStorage();
      void requestSync('saved');
      setDraft(emptyDraft());
      if (props.kiosk || props.onDone) {
        if (props.onDone) props.onDone();
        else navigate('/kiosk/thanks', { replace: true });
        return;
      }
      setLastSaved({ id: saved.id, ref: saved.ref });
      navigate(stepPath('done'), { replace: true });
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (props.step === 'check') void send();
    else go(props.step);
  };

  const back = () => {
    const b = previousStep(props.step, facts());
    return b ? stepPath(b) : props.step === 'choose' ? '/panels' : undefined;
  };
  const toggle = (list: 'panels' | 'accessNeeds') => (value: string, checked: boolean) =>
    setDraft(list, (xs) => (checked ? [...new Set([...xs, value])] : xs.filter((x) => x !== value)));
  const answers = (list: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`panels.answers.${list}.${value}`) }));

  return (
    <Switch>
      <Match when={props.step === 'done'}>
        <Show when={lastSaved()}>{(saved) => <SignupDone id={saved().id} reference={saved().ref} />}</Show>
      </Match>
      <Match when={props.step === 'too-young'}>
        <div class="notice notice--kind">
          <h1>{t('panels.tooYoung.title')}</h1>
          <p>{t(draft.ageBand === 'under-13' ? 'panels.tooYoung.under13' : 'panels.tooYoung.text')}</p>
          <p>{t('panels.tooYoung.other')}</p>
        </div>
        <div class="actions">
          <a class="button button--secondary button--back" href={stepPath('age')}>
            {t('form.back')}
          </a>
          <a class="button" href={props.kiosk ? '/kiosk' : '/'}>
            {t('panels.tooYoung.home')}
          </a>
        </div>
      </Match>
      <Match when={true}>
        <ErrorSummary errors={summary()} />
        <form class="journey" novalidate onSubmit={submit}>
          <Switch>
            <Match when={props.step === 'choose'}>
              <Show
                when={available().length > 0}
                fallback={
                  <>
                    <h1>{t('panels.choose.question')}</h1>
                    <Show when={!awaitingFirstCatalog()} fallback={<div class="awaiting-catalog" aria-busy="true" />}>
                      <p>{t('panels.list.none')}</p>
                    </Show>
                  </>
                }
              >
                <ChoiceGroup
                  name="panels"
                  type="checkbox"
                  asHeading
                  legend={t('panels.choose.question')}
                  hint={t('panels.choose.hint')}
                  error={errorFor('panels')}
                  value={draft.panels}
                  options={available().map((p) => ({ value: p.id, label: topic(p), hint: `${t(`panels.format.${p.format}`)} · ${t('panels.facts.minAge', { age: p.minAge })}` }))}
                  onChange={toggle('panels')}
                />
                <p>
                  <a href="/panels" class="link-alone">
                    {t('panels.choose.details')}
                  </a>
                </p>
              </Show>
            </Match>
            <Match when={props.step === 'age'}>
              <ChoiceGroup
                name="ageBand"
                type="radio"
                asHeading
                legend={t('panels.age.question')}
                hint={t('panels.age.hint')}
                error={errorFor('ageBand')}
                value={draft.ageBand}
                options={answers('ageBand', signupAgeBands)}
                onChange={(v) => setDraft('ageBand', v)}
              />
            </Match>
            <Match when={props.step === 'name'}>
              <Show when={draft.dropped.length > 0}>
                <div class="notice" role="note">
                  <p>{t('panels.age.dropped', { panels: draft.dropped.map((id) => { const p = panelById(id); return p ? topic(p) : id; }).join(', ') })}</p>
                </div>
              </Show>
              <TextField
                name="name"
                asHeading
                label={t('panels.name.question')}
                hint={t('panels.name.hint')}
                error={errorFor('name')}
                value={draft.name}
                autocomplete="name"
                onInput={(v) => setDraft('name', v)}
              />
            </Match>
            <Match when={props.step === 'contact'}>
              <h1>{t('panels.contact.question')}</h1>
              <p>{t('panels.contact.intro')}</p>
              <TextField
                name="email"
                type="email"
                label={t('panels.fields.email')}
                error={errorFor('email')}
                value={draft.email}
                autocomplete="email"
                onInput={(v) => setDraft('email', v)}
              />
              <TextField
                name="phone"
                inputmode="text"
                label={t('panels.fields.phone')}
                hint={t('panels.contact.phoneHint')}
                error={errorFor('phone')}
                value={draft.phone}
                autocomplete="tel"
                onInput={(v) => setDraft('phone', v)}
              />
              <Checkbox
                name="contactConsent"
                label={t('panels.contact.consent')}
                hint={t('panels.contact.consentHint')}
                error={errorFor('contactConsent')}
                checked={draft.contactConsent}
                onChange={(v) => setDraft('contactConsent', v)}
              />
            </Match>
            <Match when={props.step === 'language'}>
              <ChoiceGroup
                name="preferredLanguage"
                type="radio"
                asHeading
                legend={t('panels.language.question')}
                hint={t('panels.language.hint')}
                error={errorFor('preferredLanguage')}
                value={draft.preferredLanguage || language()}
                options={[
                  ...profile().languages.map((l) => ({ value: l.code, label: l.nativeName, lang: l.code, dir: l.dir })),
                  { value: OTHER_LANGUAGE, label: t('panels.language.other') },
                ]}
                onChange={(v) => setDraft('preferredLanguage', v)}
              />
              <Show when={draft.preferredLanguage === OTHER_LANGUAGE}>
                <TextField
                  name="preferredLanguageOther"
                  label={t('panels.fields.preferredLanguageOther')}
                  error={errorFor('preferredLanguageOther')}
                  value={draft.preferredLanguageOther}
                  onInput={(v) => setDraft('preferredLanguageOther', v)}
                />
              </Show>
            </Match>
            <Match when={props.step === 'access'}>
              <ChoiceGroup
                name="accessNeeds"
                type="checkbox"
                asHeading
                legend={t('panels.access.question')}
                hint={t('panels.access.hint')}
                error={errorFor('accessNeeds')}
                value={draft.accessNeeds}
                options={answers('access', accessNeeds)}
                onChange={toggle('accessNeeds')}
              />
              <TextArea
                name="accessNotes"
                label={t('panels.fields.accessNotes')}
                hint={t('panels.access.notesHint', { max: SIGNUP_LIMITS.accessNotes })}
                error={errorFor('accessNotes')}
                value={draft.accessNotes}
                onInput={(v) => setDraft('accessNotes', v)}
              />
            </Match>
            <Match when={props.step === 'equality'}>
              <h1>{t('panels.equality.title')}</h1>
              <div class="notice" role="note" aria-labelledby="equality-notice-title">
                <h2 id="equality-notice-title">{t('panels.equality.noticeTitle')}</h2>
                <p>{t('panels.equality.why')}</p>
                <p>{t('panels.equality.who')}</p>
                <p>{t('panels.equality.kept')}</p>
                <p>{t('panels.equality.stop')}</p>
                <p>
                  <a href="/privacy" class="link-alone">{t('panels.equality.fullNotice')}</a>
                </p>
              </div>
              <ChoiceGroup
                name="equalityConsent"
                type="radio"
                legend={t('panels.equality.question')}
                error={errorFor('equalityConsent')}
                value={draft.equality}
                options={[
                  { value: 'answer', label: t('panels.equality.answer') },
                  { value: 'skip', label: t('panels.equality.skip') },
                ]}
                onChange={(v) => setDraft('equality', v as 'answer' | 'skip')}
              />
            </Match>
            <Match when={props.step === 'gender'}>
              <ChoiceGroup
                name="gender"
                type="radio"
                asHeading
                legend={t('panels.gender.question')}
                hint={t('panels.optional')}
                error={errorFor('gender')}
                value={draft.gender}
                options={answers('gender', genderAnswers)}
                onChange={(v) => setDraft('gender', v)}
              />
              <Show when={draft.gender === OWN_WORDS}>
                <TextField
                  name="genderOwnWords"
                  label={t('panels.fields.genderOwnWords')}
                  error={errorFor('genderOwnWords')}
                  value={draft.genderOwnWords}
                  onInput={(v) => setDraft('genderOwnWords', v)}
                />
              </Show>
            </Match>
            <Match when={props.step === 'ethnicity'}>
              <fieldset class="choices">
                <legend class="label label--page">
                  <h1 class="label-wrapper">{t('panels.ethnicity.question')}</h1>
                </legend>
                <p class="hint">{t('panels.ethnicity.hint')}</p>
                <For each={Object.entries(ethnicGroups)}>
                  {([group, values]) => (
                    <ChoiceGroup
                      name={group === 'asian' ? 'ethnicity' : `ethnicity-${group}`}
                      type="radio"
                      legend={t(`panels.answers.ethnicGroup.${group}`)}
                      error={group === 'asian' ? errorFor('ethnicity') : undefined}
                      value={draft.ethnicity}
                      options={answers('ethnicity', values)}
                      onChange={(v) => setDraft('ethnicity', v)}
                    />
                  )}
                </For>
                <ChoiceGroup
                  name="ethnicity-more"
                  type="radio"
                  legend={t('panels.ethnicity.more')}
                  value={draft.ethnicity}
                  options={answers('ethnicity', [OWN_WORDS, PREFER_NOT])}
                  onChange={(v) => setDraft('ethnicity', v)}
                />
              </fieldset>
              <Show when={draft.ethnicity === OWN_WORDS || draft.ethnicity.startsWith('other-')}>
                <TextField
                  name="ethnicityOwnWords"
                  label={t(draft.ethnicity === OWN_WORDS ? 'panels.fields.ethnicityOwnWords' : 'panels.ethnicity.describe')}
                  error={errorFor('ethnicityOwnWords')}
                  value={draft.ethnicityOwnWords}
                  onInput={(v) => setDraft('ethnicityOwnWords', v)}
                />
              </Show>
            </Match>
            <Match when={props.step === 'disability'}>
              <ChoiceGroup
                name="disability"
                type="radio"
                asHeading
                legend={t('panels.disability.question')}
                hint={t('panels.disability.hint')}
                error={errorFor('disability')}
                value={draft.disability}
                options={answers('disability', disabilityAnswers)}
                onChange={(v) => setDraft('disability', v)}
              />
            </Match>
            <Match when={props.step === 'ward'}>
              <ChoiceGroup
                name="ward"
                type="radio"
                asHeading
                legend={t('panels.ward.question')}
                hint={t('panels.optional')}
                error={errorFor('ward')}
                value={draft.ward}
                options={[...profile().wards.map((w) => ({ value: w.id, label: w.name })), { value: PREFER_NOT, label: t('panels.answers.preferNot') }]}
                onChange={(v) => setDraft('ward', v)}
              />
            </Match>
            <Match when={props.step === 'religion'}>
              <ChoiceGroup
                name="religion"
                type="radio"
                asHeading
                legend={t('panels.religion.question')}
                hint={t('panels.optional')}
                error={errorFor('religion')}
                value={draft.religion}
                options={answers('religion', religionAnswers)}
                onChange={(v) => setDraft('religion', v)}
              />
              <Show when={draft.religion === 'other'}>
                <TextField
                  name="religionOwnWords"
                  label={t('panels.fields.religionOwnWords')}
                  error={errorFor('religionOwnWords')}
                  value={draft.religionOwnWords}
                  onInput={(v) => setDraft('religionOwnWords', v)}
                />
              </Show>
            </Match>
            <Match when={props.step === 'check'}>
              <h1>{t('panels.check.title')}</h1>
              <CheckAnswers draft={draft} panelById={panelById} topic={topic} steps={journeySteps(facts())} />
              <p>{t('panels.check.declaration')}</p>
            </Match>
          </Switch>
          <StepActions
            backHref={back()}
            backLabel={t('form.back')}
            label={props.step === 'check' ? t('panels.check.send') : t('form.continue')}
            disabled={saving()}
          />
        </form>
        <p class="journey-note">{t('panels.notStoredYet')}</p>
      </Match>
    </Switch>
  );
}

function CheckAnswers(props: {
  draft: DraftStore[0];
  panelById: (id: string) => PublicPanel | undefined;
  topic: (p: PublicPanel) => string;
  steps: SignupStep[];
}) {
  const d = props.draft;
  const notGiven = () => t('panels.check.notGiven');
  const answer = (list: string, value: string, ownWords = '') =>
    value ? `${t(`panels.answers.${list}.${value}`)}${ownWords ? ` (${ownWords})` : ''}` : notGiven();
  const rows = (): { key: string; step: SignupStep; value: string }[] => {
    const out: { key: string; step: SignupStep; value: string }[] = [
      { key: 'panels', step: 'choose', value: d.panels.map((id) => { const p = props.panelById(id); return p ? props.topic(p) : id; }).join('\n') },
      { key: 'ageBand', step: 'age', value: answer('ageBand', d.ageBand) },
      { key: 'name', step: 'name', value: d.name },
      { key: 'email', step: 'contact', value: d.email || notGiven() },
      { key: 'phone', step: 'contact', value: d.phone || notGiven() },
      {
        key: 'preferredLanguage',
        step: 'language',
        value: d.preferredLanguage === OTHER_LANGUAGE ? d.preferredLanguageOther : (profile().languages.find((l) => l.code === (d.preferredLanguage || language()))?.nativeName ?? notGiven()),
      },
      { key: 'accessNeeds', step: 'access', value: [...d.accessNeeds.map((n) => t(`panels.answers.access.${n}`)), d.accessNotes].filter(Boolean).join('\n') || t('panels.check.none') },
      { key: 'equalityConsent', step: 'equality', value: d.equality === 'answer' ? t('panels.equality.answer') : t('panels.equality.skip') },
    ];
    if (props.steps.includes('gender')) {
      out.push(
        { key: 'gender', step: 'gender', value: answer('gender', d.gender, d.gender === OWN_WORDS ? d.genderOwnWords : '') },
        { key: 'ethnicity', step: 'ethnicity', value: answer('ethnicity', d.ethnicity, d.ethnicityOwnWords && (d.ethnicity === OWN_WORDS || d.ethnicity.startsWith('other-')) ? d.ethnicityOwnWords : '') },
        { key: 'disability', step: 'disability', value: answer('disability', d.disability) },
        { key: 'ward', step: 'ward', value: d.ward === PREFER_NOT ? t('panels.answers.preferNot') : (profile().wards.find((w) => w.id === d.ward)?.name ?? notGiven()) },
        { key: 'religion', step: 'religion', value: answer('religion', d.religion, d.religion === 'other' ? d.religionOwnWords : '') },
      );
    }
    return out;
  };
  return (
    <SummaryList rows={rows().map((row) => ({ key: row.key, value: row.value, href: stepPath(row.step) }))} label={(key) => t(`panels.fields.${key}`)} />
  );
}
