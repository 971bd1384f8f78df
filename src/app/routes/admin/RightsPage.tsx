import { For, Show, createEffect, createSignal } from 'solid-js';
import { RightsRequest } from '../../../core/staff';
import { check } from '../../../core/validation';
import { formatDateTime } from '../../i18n';
import { Checkbox, ErrorSummary, TextField } from '../../ui/form';
import { api, apiBlob, saveBlob } from './api';
import { at, atCount, languageName } from './i18n';
import { wardName } from './session';
import { ProblemBox, SuccessBox, createErrors } from './ui';

type PledgeRow = Record<string, string | number | null>;
interface Held {
  email: string;
  pledges: PledgeRow[];
}

/** The pledge columns, in the order a person would read them. */
const shownFields = ['id', 'created_at', 'received_at', 'name', 'ward', 'message', 'show_message', 'email', 'email_consent', 'moderation', 'moderated_at', 'moderated_by', 'locale', 'pledge_version'];

/** A person's rights: find what is held for an email address, give it to them, or erase it. */
export function RightsPage() {
  const [email, setEmail] = createSignal('');
  const [held, setHeld] = createSignal<Held>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [understood, setUnderstood] = createSignal(false);
  const errors = createErrors(() => at('admin.rights.email'));
  const confirmErrors = createErrors(() => at('admin.rights.understand'));
  let resultHeading: HTMLHeadingElement | undefined;
  let confirmHeading: HTMLHeadingElement | undefined;

  createEffect(() => {
    if (held()) queueMicrotask(() => resultHeading?.focus());
  });
  createEffect(() => {
    if (confirming()) queueMicrotask(() => confirmHeading?.focus());
  });

  const search = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    setConfirming(false);
    const body = check(RightsRequest, { email: email() });
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
    const answer = await apiBlob('POST', '/rights/export', { email: who.email });
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
    const answer = await api<{ erased: number }>('POST', '/rights/erase', { email: who.email });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    setConfirming(false);
    setUnderstood(false);
    setHeld(undefined);
    setDone(atCount('admin.rights.erasedDone', answer.data.erased, { email: who.email }));
  };

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
      <p>{at('admin.rights.intro')}</p>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <form novalidate onSubmit={(e) => void search(e)}>
        <TextField name="email" type="email" label={at('admin.rights.email')} hint={at('admin.rights.emailHint')} error={errors.errorFor('email')} value={email()} onInput={setEmail} />
        <button type="submit" class="button" disabled={busy()}>
          {at('admin.rights.search')}
        </button>
      </form>

      <Show when={held()}>
        {(who) => (
          <section aria-labelledby="held-title">
            <h2 id="held-title" tabindex="-1" ref={resultHeading}>
              {atCount('admin.rights.found', who().pledges.length, { email: who().email })}
            </h2>
            <Show when={who().pledges.length > 0} fallback={<p>{at('admin.rights.nothing')}</p>}>
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
                    setConfirming(true);
                  }}
                >
                  {at('admin.rights.erase')}
                </button>
              </div>
              <Show when={confirming()}>
                <section class="card confirm" aria-labelledby="erase-title">
                  <h2 id="erase-title" tabindex="-1" ref={confirmHeading}>
                    {atCount('admin.rights.confirmTitle', who().pledges.length, { email: who().email })}
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
