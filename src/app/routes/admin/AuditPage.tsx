import { For, Show, createSignal, onMount } from 'solid-js';
import { formatDateTime } from '../../i18n';
import { ErrorSummary, SelectField, TextField } from '../../ui/form';
import { api, query } from './api';
import { at, atCount } from './i18n';
import { EmailText, Loading, ProblemBox, TableScroll, createErrors } from './ui';
import { auditActions } from '../../../core/audit';

interface Entry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown> | null;
}


const LIMIT = 200;

/** Who did what, and when: newest first, filtered by action and by who did it. */
export function AuditPage() {
  const [action, setAction] = createSignal('');
  const [actor, setActor] = createSignal('');
  const [entries, setEntries] = createSignal<Entry[]>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors((field) => at(field === 'actor' ? 'admin.audit.actor' : 'admin.audit.action'), () => ({ max: 254 }));

  let latest = 0;
  const load = async () => {
    setBusy(true);
    setProblem(undefined);
    errors.clear();
    // Only the newest request's answer is shown, however the answers arrive.
    const mine = ++latest;
    const answer = await api<{ entries: Entry[] }>('GET', `/audit${query({ action: action(), actor: actor().trim(), limit: String(LIMIT) })}`);
    if (mine !== latest) return;
    setBusy(false);
    if (answer.ok) setEntries(answer.data.entries);
    else if (answer.fields) errors.set(answer.fields, 'actor');
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const actionOptions = () => [{ value: '', label: at('admin.audit.anyAction') }, ...auditActions.map((a) => ({ value: a, label: at(`admin.audit.actions.${a}`) }))];
  const detailText = (detail: Entry['detail']) =>
    detail
      ? Object.entries(detail)
          .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
          .join(', ')
      : '';

  return (
    <>
      <h1>{at('admin.audit.title')}</h1>
      <p>{at('admin.audit.intro')}</p>
      <ErrorSummary errors={errors.summary()} />
      <form
        class="filters"
        novalidate
        aria-label={at('admin.filters.label')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <SelectField name="action" label={at('admin.audit.action')} value={action()} options={actionOptions()} onChange={setAction} />
        <TextField name="actor" label={at('admin.audit.actor')} hint={at('admin.audit.actorHint')} error={errors.errorFor('actor')} value={actor()} onInput={setActor} />
        <div class="filters__actions">
          <button type="submit" class="button" aria-disabled={busy() ? 'true' : undefined}>
            {at('admin.filters.apply')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setAction('');
              setActor('');
              void load();
            }}
          >
            {at('admin.filters.clear')}
          </button>
        </div>
      </form>
      <ProblemBox code={problem()} />
      <Show when={entries()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <>
            <p role="status">{atCount(list().length >= LIMIT ? 'admin.audit.countLimited' : 'admin.audit.count', list().length)}</p>
            <Show when={list().length > 0}>
              <TableScroll labelledBy="audit-caption">
                <table class="data-table audit-table">
                  <caption id="audit-caption">{at('admin.audit.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{at('admin.audit.when')}</th>
                      <th scope="col">{at('admin.audit.actor')}</th>
                      <th scope="col">{at('admin.audit.action')}</th>
                      <th scope="col">{at('admin.audit.subject')}</th>
                      <th scope="col">{at('admin.audit.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(entry) => (
                        <tr>
                          <th scope="row">{formatDateTime(entry.at)}</th>
                          <td>
                            <EmailText email={entry.actor} />
                          </td>
                          <td>
                            {at([`admin.audit.actions.${entry.action}`, 'admin.audit.otherAction'], { action: entry.action })}
                          </td>
                          <td class="audit-table__code">
                            <bdi>{entry.subject ?? ''}</bdi>
                          </td>
                          <td class="audit-table__code">
                            <bdi>{detailText(entry.detail)}</bdi>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableScroll>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
