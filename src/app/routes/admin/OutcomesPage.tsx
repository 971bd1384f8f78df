import { For, Show, createSignal, onMount } from 'solid-js';
import { OUTCOME_LIMIT, outcomeRequest } from '../../../core/listening';
import type { FieldError } from '../../../core/validation';
import { check } from '../../../core/validation';
import { formatDateTime } from '../../i18n';
import { ErrorSummary, SelectField, TextArea } from '../../ui/form';
import { api } from './api';
import { at, atCount, languageName } from './i18n';
import { themeLabel, type EventRow, type OutcomeRow } from './listening';
import './listening.css';
import { staffProfile, type Me } from './session';
import { Loading, ProblemBox, SuccessBox, createErrors } from './ui';

/** "youSaid.ur" (the schema's path) → "youSaid-ur" (the form's field); English is the plain name. */
const formField = (field: string) => {
  const [text, lang] = field.split('.');
  return lang && lang !== 'en' ? `${text}-${lang}` : (text ?? field);
};

/** "You said, we did": outcomes staff write for a theme (and optionally an event), published to every phone. */
export function OutcomesPage(props: { user: Me }) {
  const [outcomes, setOutcomes] = createSignal<OutcomeRow[]>();
  const [events, setEvents] = createSignal<EventRow[]>([]);
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal<string>();
  const isAdmin = () => props.user.role === 'admin';

  onMount(() => {
    void api<{ outcomes: OutcomeRow[] }>('GET', '/outcomes').then((answer) => (answer.ok ? setOutcomes(answer.data.outcomes) : setProblem(answer.error)));
    void api<{ events: EventRow[] }>('GET', '/events').then((answer) => answer.ok && setEvents(answer.data.events));
  });

  const publish = async (o: OutcomeRow) => {
    setBusy(o.id);
    setProblem(undefined);
    const answer = await api<{ outcome: OutcomeRow }>('POST', `/outcomes/${encodeURIComponent(o.id)}/publish`);
    setBusy(undefined);
    if (!answer.ok) return setProblem(answer.error);
    setOutcomes((list) => list?.map((x) => (x.id === o.id ? answer.data.outcome : x)));
    setDone(at('admin.outcomes.publishedDone', { theme: themeLabel(o.theme).text }));
  };

  const eventTitle = (id: string | null) => (id ? (events().find((e) => e.id === id)?.title ?? id) : undefined);

  return (
    <>
      <h1>{at('admin.outcomes.title')}</h1>
      <p>{at('admin.outcomes.intro')}</p>
      <p>
        <a href="/you-said">{at('admin.outcomes.publicLink')}</a>
      </p>
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <Show when={isAdmin()}>
        <CreateOutcome
          events={events()}
          created={(o) => {
            setOutcomes((list) => [o, ...(list ?? [])]);
            setDone(at('admin.outcomes.created'));
          }}
        />
      </Show>
      <Show when={outcomes()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <section aria-labelledby="outcomes-list">
            <h2 id="outcomes-list">{atCount('admin.outcomes.count', list().length)}</h2>
            <Show when={list().length > 0} fallback={<p>{at('admin.outcomes.empty')}</p>}>
              <ul class="outcome-list">
                <For each={list()}>
                  {(o) => (
                    <li class="card outcome-item">
                      <h3 lang={themeLabel(o.theme).lang}>{themeLabel(o.theme).text}</h3>
                      <dl class="meta-list">
                        <div>
                          <dt>{at('admin.outcomes.status')}</dt>
                          <dd>{o.publishedAt ? at('admin.outcomes.publishedOn', { date: formatDateTime(o.publishedAt) }) : at('admin.outcomes.draft')}</dd>
                        </div>
                        <Show when={eventTitle(o.eventId)}>
                          {(title) => (
                            <div>
                              <dt>{at('admin.outcomes.event')}</dt>
                              <dd>
                                <bdi>{title()}</bdi>
                              </dd>
                            </div>
                          )}
                        </Show>
                        <div>
                          <dt>{at('admin.outcomes.languages')}</dt>
                          <dd>{[...new Set([...Object.keys(o.youSaid), ...Object.keys(o.weDid)])].map(languageName).join(', ')}</dd>
                        </div>
                      </dl>
                      <div class="outcome-texts">
                        <div>
                          <p class="label">{at('admin.outcomes.youSaid')}</p>
                          <p lang="en" dir="ltr">
                            {o.youSaid['en']}
                          </p>
                        </div>
                        <div>
                          <p class="label">{at('admin.outcomes.weDid')}</p>
                          <p lang="en" dir="ltr">
                            {o.weDid['en']}
                          </p>
                        </div>
                      </div>
                      <Show when={isAdmin() && !o.publishedAt}>
                        <button type="button" class="button" disabled={busy() === o.id} onClick={() => void publish(o)}>
                          {at('admin.outcomes.publish')}
                          <span class="visually-hidden"> {at('admin.outcomes.onTheme', { theme: themeLabel(o.theme).text })}</span>
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}

function CreateOutcome(props: { events: EventRow[]; created: (o: OutcomeRow) => void }) {
  const [theme, setTheme] = createSignal('');
  const [eventId, setEventId] = createSignal('');
  const [texts, setTexts] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const languages = () => staffProfile()?.languages ?? [{ code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr' as const }];
  const fieldLabel = (field: string) => {
    const [text = field, lang = 'en'] = field.split('-');
    if (text === 'theme') return at('admin.outcomes.theme');
    if (text === 'eventId') return at('admin.outcomes.event');
    return at(text === 'weDid' ? 'admin.outcomes.weDidIn' : 'admin.outcomes.youSaidIn', { language: languageName(lang) });
  };
  const errors = createErrors(fieldLabel, () => ({ max: OUTCOME_LIMIT }));
  const text = (field: string) => texts()[field] ?? '';
  const setText = (field: string) => (value: string) => setTexts((t) => ({ ...t, [field]: value }));
  const setErrors = (list: readonly FieldError[]) => errors.set(list.map((e) => ({ ...e, field: formField(e.field) })), 'theme');

  const body = () => {
    const per = (which: 'youSaid' | 'weDid') => Object.fromEntries(languages().map((l) => [l.code, text(l.code === 'en' ? which : `${which}-${l.code}`)]));
    return { theme: theme(), ...(eventId() ? { eventId: eventId() } : {}), youSaid: per('youSaid'), weDid: per('weDid') };
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const profile = staffProfile();
    if (!profile) return setProblem('offline');
    setProblem(undefined);
    const checked = check(outcomeRequest(profile), body());
    if (!checked.ok) return setErrors(checked.errors);
    errors.clear();
    setBusy(true);
    const answer = await api<{ outcome: OutcomeRow }>('POST', '/outcomes', checked.value);
    setBusy(false);
    if (!answer.ok) return answer.fields ? setErrors(answer.fields) : setProblem(answer.error);
    setTexts({});
    setTheme('');
    setEventId('');
    props.created(answer.data.outcome);
  };

  return (
    <section class="card" aria-labelledby="outcome-create">
      <h2 id="outcome-create">{at('admin.outcomes.createTitle')}</h2>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <form novalidate onSubmit={(e) => void submit(e)}>
        <SelectField
          name="theme"
          label={at('admin.outcomes.theme')}
          error={errors.errorFor('theme')}
          value={theme()}
          options={[{ value: '', label: at('admin.outcomes.chooseTheme') }, ...(staffProfile()?.themes ?? []).map((t) => ({ value: t.id, label: themeLabel(t.id).text }))]}
          onChange={setTheme}
        />
        <SelectField
          name="eventId"
          label={at('admin.outcomes.eventOptional')}
          error={errors.errorFor('eventId')}
          value={eventId()}
          options={[{ value: '', label: at('admin.outcomes.noEvent') }, ...props.events.map((e) => ({ value: e.id, label: `${e.title} (${formatDateTime(e.startsAt)})` }))]}
          onChange={setEventId}
        />
        <For each={languages()}>
          {(l) => {
            const said = l.code === 'en' ? 'youSaid' : `youSaid-${l.code}`;
            const did = l.code === 'en' ? 'weDid' : `weDid-${l.code}`;
            return (
              <fieldset class="language-fields">
                <legend>{at(l.code === 'en' ? 'admin.outcomes.inEnglish' : 'admin.outcomes.inLanguage', { language: languageName(l.code) })}</legend>
                <div class="outcome-texts">
                  <TextArea name={said} label={at('admin.outcomes.youSaid')} hint={l.code === 'en' ? at('admin.outcomes.youSaidHint') : undefined} error={errors.errorFor(said)} value={text(said)} onInput={setText(said)} rows={4} />
                  <TextArea name={did} label={at('admin.outcomes.weDid')} hint={l.code === 'en' ? at('admin.outcomes.weDidHint') : undefined} error={errors.errorFor(did)} value={text(did)} onInput={setText(did)} rows={4} />
                </div>
              </fieldset>
            );
          }}
        </For>
        <p class="hint">{at('admin.outcomes.draftHint')}</p>
        <button type="submit" class="button" disabled={busy()}>
          {at('admin.outcomes.create')}
        </button>
      </form>
    </section>
  );
}
