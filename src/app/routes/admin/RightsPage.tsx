import { For, Show, createEffect, createSignal, onMount } from 'solid-js';
import { localize } from '../../../core/profile/schema';
import { RightsRequest } from '../../../core/staff';
import { check } from '../../../core/validation';
import { formatDateTime, language } from '../../i18n';
import { Checkbox, ErrorSummary, TextField } from '../../ui/form';
import { api, apiBlob, saveBlob } from './api';
import { at, atCount, languageName } from './i18n';
import { wardName } from './session';
import { listPanels, type StaffPanel } from './panels/panelsApi';
import { ProblemBox, SuccessBox, createErrors } from './ui';

type PledgeRow = Record<string, string | number | null>;
/** A panel sign-up as the server holds it (contacts, panels, and whether equality answers are held). */
interface SignupRow {
  id: string;
  created_at: string;
  received_at: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  preferred_language: string | null;
  preferred_language_other: string | null;
  access_needs: string[];
  access_notes: string | null;
  age_band: string;
  locale: string;
  panels: string[];
  equality: Record<string, unknown> | null;
  equality_withdrawn_at: string | null;
}
interface Held {
  email: string | null;
  phone: string | null;
  pledges: PledgeRow[];
  signups: SignupRow[];
}
/** Who was searched for, as the server normalised it (to send back and to name them on the page). */
const whoOf = (h: Held) => ({ ...(h.email ? { email: h.email } : {}), ...(h.phone ? { phone: h.phone } : {}) });
const whoText = (h: Held) => [h.email, h.phone].filter(Boolean).join(' · ');
const heldCount = (h: Held) => h.pledges.length + h.signups.length;

/** The pledge columns, in the order a person would read them. */
const shownFields = ['id', 'created_at', 'received_at', 'name', 'ward', 'message', 'show_message', 'email', 'email_consent', 'moderation', 'moderated_at', 'moderated_by', 'locale', 'pledge_version'];

/**
 * A person's rights: find what is held for an email address or a phone number (pledges and panel sign-ups),
 * give it to them, stop the use of their equality answers, or erase it.
 */
export function RightsPage() {
  const [email, setEmail] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [panels, setPanels] = createSignal<StaffPanel[]>([]);
  const [stopping, setStopping] = createSignal(false);
  const [held, setHeld] = createSignal<Held>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [understood, setUnderstood] = createSignal(false);
  const errors = createErrors((field) => at(field === 'phone' ? 'admin.rights.phone' : 'admin.rights.email'));
  const confirmErrors = createErrors(() => at('admin.rights.understand'));
  let resultHeading: HTMLHeadingElement | undefined;
  let confirmHeading: HTMLHeadingElement | undefined;
  let stopHeading: HTMLHeadingElement | undefined;

  // Panel names for the sign-ups (admins may list panels).
  onMount(async () => {
    const list = await listPanels();
    if (list.ok) setPanels(list.data.panels);
  });
  const panelName = (id: string) => {
    const panel = panels().find((p) => p.id === id);
    return panel ? localize(panel.topic, language()).text : id;
  };

  createEffect(() => {
    if (held()) queueMicrotask(() => resultHeading?.focus());
  });
  createEffect(() => {
    if (confirming()) queueMicrotask(() => confirmHeading?.focus());
  });
  createEffect(() => {
    if (stopping()) queueMicrotask(() => stopHeading?.focus());
  });

  const search = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    setConfirming(false);
    setStopping(false);
    const body = check(RightsRequest, { email: email(), phone: phone() });
    if (!body.ok) return errors.set(body.errors, 'email');
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<Held>('POST', '/rights/search', body.value);
    setBusy(false);
    if (answer.ok) setHeld(answer.data);
    else if (answer.fields) errors.set(answer.fields, 'email');
    else setProblem(answer.error);
  };

  const download = async (who: Held) => {
    setProblem(undefined);
    setBusy(true);
    const answer = await apiBlob('POST', '/rights/export', whoOf(who));
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    saveBlob(answer.data, `subject-access-${new Date().toISOString().slice(0, 10)}.json`);
    setDone(at('admin.rights.downloaded'));
  };

  const erase = async (who: Held) => {
    if (!understood()) {
      confirmErrors.setOne('understood', () => at('admin.rights.understandRequired'));
      return;
    }
    confirmErrors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ erased: number }>('POST', '/rights/erase', whoOf(who));
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    setConfirming(false);
    setUnderstood(false);
    setHeld(undefined);
    setDone(atCount('admin.rights.erasedDoneFor', answer.data.erased, { who: whoText(who) }));
  };

  const stopEquality = async (who: Held) => {
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ signups: number; stopped: number }>('POST', '/rights/stop-equality', whoOf(who));
    if (!answer.ok) {
      setBusy(false);
      return setProblem(answer.error);
    }
    // Read again, so the sign-ups show their answers as no longer held.
    const again = await api<Held>('POST', '/rights/search', whoOf(who));
    setBusy(false);
    setStopping(false);
    if (again.ok) setHeld(again.data);
    setDone(atCount('admin.rights.stoppedDone', answer.data.stopped, { who: whoText(who) }));
  };

  const equalityText = (s: SignupRow) => {
    if (s.equality) return at('admin.rights.equalityHeld');
    if (s.equality_withdrawn_at) return at('admin.rights.equalityStopped', { date: formatDateTime(s.equality_withdrawn_at) });
    return at('admin.rights.equalityNone');
  };
  const languageText = (s: SignupRow) =>
    s.preferred_language === 'other' ? (s.preferred_language_other ?? at('admin.panels.signups.otherLanguage')) : s.preferred_language ? languageName(s.preferred_language) : at('admin.rights.none');
  const needsText = (s: SignupRow) =>
    [...s.access_needs.map((n) => at([`admin.panels.access.${n}`, `panels.answers.access.${n}`], { defaultValue: n })), ...(s.access_notes ? [s.access_notes] : [])].join(', ') || at('admin.rights.none');

  const value = (field: string, raw: string | number | null) => {
    if (raw === null || raw === '') return at('admin.rights.none');
    if (field === 'show_message' || field === 'email_consent') return at(raw ? 'form.yes' : 'form.no');
    if (field.endsWith('_at')) return formatDateTime(String(raw));
    if (field === 'ward') return wardName(String(raw)) ?? String(raw);
    if (field === 'locale') return languageName(String(raw));
    if (field === 'moderation') return at([`admin.moderation.statuses.${raw}`, 'admin.rights.none']);
    return String(raw);
  };

  return (
    <>
      <h1>{at('admin.rights.title')}</h1>
      <p>{at('admin.rights.introContact')}</p>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <form novalidate onSubmit={(e) => void search(e)}>
        <TextField name="email" type="email" label={at('admin.rights.email')} hint={at('admin.rights.emailOrPhoneHint')} error={errors.errorFor('email')} value={email()} onInput={setEmail} />
        <TextField name="phone" label={at('admin.rights.phone')} hint={at('admin.rights.phoneHint')} error={errors.errorFor('phone')} value={phone()} onInput={setPhone} />
        <button type="submit" class="button" disabled={busy()}>
          {at('admin.rights.search')}
        </button>
      </form>

      <Show when={held()}>
        {(who) => (
          <section aria-labelledby="held-title">
            <h2 id="held-title" tabindex="-1" ref={resultHeading}>
              {atCount('admin.rights.foundFor', heldCount(who()), { who: whoText(who()) })}
            </h2>
            <Show when={heldCount(who()) > 0} fallback={<p>{at('admin.rights.nothingFor')}</p>}>
              <For each={who().pledges}>
                {(row, i) => (
                  <div class="card">
                    <h3>{at('admin.rights.pledgeNumber', { n: i() + 1 })}</h3>
                    <dl class="summary-list">
                      <For each={[...shownFields.filter((f) => f in row), ...Object.keys(row).filter((f) => !shownFields.includes(f))]}>
                        {(field) => (
                          <div class="summary-list__row summary-list__row--two">
                            <dt>{at([`admin.rights.fields.${field}`, 'admin.rights.fields.other'], { field })}</dt>
                            <dd>
                              <bdi>{value(field, row[field] ?? null)}</bdi>
                            </dd>
                          </div>
                        )}
                      </For>
                    </dl>
                  </div>
                )}
              </For>
              <For each={who().signups}>
                {(s, i) => (
                  <div class="card">
                    <h3>{at('admin.rights.signupNumber', { n: i() + 1 })}</h3>
                    <dl class="summary-list">
                      <For
                        each={[
                          ['panels', s.panels.map(panelName).join(', ') || at('admin.rights.none')],
                          ['created_at', formatDateTime(s.created_at)],
                          ['received_at', formatDateTime(s.received_at)],
                          ['name', s.name ?? at('admin.rights.none')],
                          ['email', s.email ?? at('admin.rights.none')],
                          ['phone', s.phone ?? at('admin.rights.none')],
                          ['preferred_language', languageText(s)],
                          ['access_needs', needsText(s)],
                          ['equality', equalityText(s)],
                          ['locale', languageName(s.locale)],
                          ['id', s.id],
                        ]}
                      >
                        {([field, text]) => (
                          <div class="summary-list__row summary-list__row--two">
                            <dt>{at([`admin.rights.signupFields.${field}`, `admin.rights.fields.${field}`, 'admin.rights.fields.other'], { field })}</dt>
                            <dd>
                              <bdi>{text}</bdi>
                            </dd>
                          </div>
                        )}
                      </For>
                    </dl>
                  </div>
                )}
              </For>
              <div class="actions">
                <button type="button" class="button button--secondary" disabled={busy()} onClick={() => void download(who())}>
                  {at('admin.rights.download')}
                </button>
                <button
                  type="button"
                  class="button button--warning"
                  disabled={busy()}
                  onClick={() => {
                    setDone(undefined);
                    setStopping(false);
                    setConfirming(true);
                  }}
                >
                  {at('admin.rights.erase')}
                </button>
                <Show when={who().signups.some((s) => s.equality)}>
                  <button
                    type="button"
                    class="button button--secondary"
                    disabled={busy()}
                    onClick={() => {
                      setDone(undefined);
                      setConfirming(false);
                      setStopping(true);
                    }}
                  >
                    {at('admin.rights.stopEquality')}
                  </button>
                </Show>
              </div>
              <Show when={stopping()}>
                <section class="card confirm" aria-labelledby="stop-title">
                  <h2 id="stop-title" tabindex="-1" ref={stopHeading}>
                    {at('admin.rights.stopTitle', { who: whoText(who()) })}
                  </h2>
                  <p>{at('admin.rights.stopWhat')}</p>
                  <p>{at('admin.rights.stopAudit')}</p>
                  <div class="actions actions--tight">
                    <button type="button" class="button" disabled={busy()} onClick={() => void stopEquality(who())}>
                      {at('admin.rights.stopNow')}
                    </button>
                    <button type="button" class="button button--secondary" onClick={() => setStopping(false)}>
                      {at('admin.form.cancel')}
                    </button>
                  </div>
                </section>
              </Show>
              <Show when={confirming()}>
                <section class="card confirm" aria-labelledby="erase-title">
                  <h2 id="erase-title" tabindex="-1" ref={confirmHeading}>
                    {atCount('admin.rights.confirmTitleFor', heldCount(who()), { who: whoText(who()) })}
                  </h2>
                  <p class="warning-text">{at('admin.rights.cannotUndo')}</p>
                  <p>{at('admin.rights.refusedAgain')}</p>
                  <p>{at('admin.rights.auditNote')}</p>
                  <ErrorSummary errors={confirmErrors.summary()} />
                  <Checkbox
                    name="understood"
                    label={at('admin.rights.understand')}
                    error={confirmErrors.errorFor('understood')}
                    checked={understood()}
                    onChange={setUnderstood}
                  />
                  <div class="actions actions--tight">
                    <button type="button" class="button button--warning" disabled={busy()} onClick={() => void erase(who())}>
                      {at('admin.rights.eraseNow')}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => {
                        setConfirming(false);
                        setUnderstood(false);
                        confirmErrors.clear();
                      }}
                    >
                      {at('admin.form.cancel')}
                    </button>
                  </div>
                </section>
              </Show>
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}
