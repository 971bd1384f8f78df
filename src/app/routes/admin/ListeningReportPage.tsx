import { For, Show, createSignal, onMount } from 'solid-js';
import { ListeningFilter, SUMMARY_LIMIT, SummaryRequest } from '../../../core/listening';
import { check } from '../../../core/validation';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorSummary, SelectField, TextArea } from '../../ui/form';
import { STAFF_API, api, query } from './api';
import { at, atCount, fieldText, formatDay, problemText } from './i18n';
import { labelText, type EventRow } from './listening';
import './listening.css';
import { staffProfile, wardName, type Me } from './session';
import { InputField, Loading, ProblemBox, SuccessBox, TableScroll, createErrors } from './ui';

interface Statement {
  id: string;
  text: string;
  form: string;
  eventId: string;
  createdAt: string;
}
interface Row {
  theme: string;
  label: Record<string, string>;
  summary: string | null;
  total: number;
  held: number;
  cells: Record<string, { count: number; statements: Statement[] }>;
}
interface Report {
  lenses: { id: string; label: Record<string, string> }[];
  rows: Row[];
  events: { eventId: string; title: string; startsAt: string; attendance: number; points: number; held: number }[];
  held: number;
  totals: { points: number; attendance: number; events: number };
}

/** Statements shown per cell before "show all": a cell can hold hundreds. */
const SHOWN_PER_CELL = 20;

const labels: Record<string, string> = {
  from: 'admin.filters.from',
  to: 'admin.filters.to',
  ward: 'admin.filters.ward',
  event: 'admin.report.events',
  q: 'admin.report.search',
};

/**
 * The listening report in the Fairness Taskforce's layout: one row per theme, one column per lens, each cell
 * the number of points and what was said (quotes marked), the overarching theme staff wrote for the row;
 * and per event, attendance and points. Filters, print and export share one set of values.
 */
export function ListeningReportPage(props: { user: Me }) {
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [q, setQ] = createSignal('');
  const [events, setEvents] = createSignal<EventRow[]>([]);
  const [report, setReport] = createSignal<Report>();
  const [applied, setApplied] = createSignal<Record<string, string | undefined>>({});
  const [problem, setProblem] = createSignal<string>();
  const [loading, setLoading] = createSignal(false);
  const errors = createErrors((field) => at(labels[field] ?? field));

  const params = () => ({ from: from() || undefined, to: to() || undefined, ward: ward() || undefined, event: chosen().join(',') || undefined, q: q() || undefined });

  const run = async () => {
    const raw = Object.fromEntries(Object.entries(params()).filter(([, value]) => value !== undefined));
    const filter = check(ListeningFilter, raw);
    if (!filter.ok) return errors.set(filter.errors, 'from');
    errors.clear();
    setProblem(undefined);
    setLoading(true);
    const answer = await api<Report>('GET', `/listening/report${query(raw)}`);
    setLoading(false);
    if (!answer.ok) {
      if (answer.fields) return errors.set(answer.fields, 'from');
      return setProblem(answer.error);
    }
    setApplied(raw);
    setReport(answer.data);
  };

  onMount(() => {
    void run();
    void api<{ events: EventRow[] }>('GET', '/events').then((answer) => {
      if (answer.ok) setEvents(answer.data.events.filter((e) => e.startsAt < new Date().toISOString() || e.points > 0));
    });
  });

  const clear = () => {
    setFrom('');
    setTo('');
    setWard('');
    setChosen([]);
    setQ('');
    void run();
  };

  const exportHref = (format: 'csv' | 'json') => `${STAFF_API}/listening/export${query({ ...applied(), format })}`;
  const describe = () => {
    const f = applied();
    const eventCount = f['event'] ? f['event'].split(',').length : 0;
    return [
      at('admin.report.showing', {
        from: f['from'] ? formatDay(f['from']) : at('admin.overview.start'),
        to: f['to'] ? formatDay(f['to']) : at('admin.overview.today'),
        ward: f['ward'] ? wardName(f['ward']) : at('admin.overview.allWards'),
      }),
      eventCount > 0 ? atCount('admin.report.someEvents', eventCount) : at('admin.report.allEvents'),
      f['q'] ? at('admin.report.searching', { q: f['q'] }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  };

  return (
    <div class="listening-report">
      <h1>{at('admin.report.title')}</h1>
      <p class="no-print">{at('admin.report.intro')}</p>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <form
        novalidate
        class="no-print"
        aria-label={at('admin.filters.label')}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div class="filters">
          <InputField name="from" type="date" width="date" ltr label={at('admin.filters.from')} error={errors.errorFor('from')} value={from()} onInput={setFrom} />
          <InputField name="to" type="date" width="date" ltr label={at('admin.filters.to')} error={errors.errorFor('to')} value={to()} onInput={setTo} />
          <SelectField
            name="ward"
            label={at('admin.filters.ward')}
            error={errors.errorFor('ward')}
            value={ward()}
            options={[{ value: '', label: at('admin.filters.allWards') }, ...(staffProfile()?.wards ?? []).map((w) => ({ value: w.id, label: w.name }))]}
            onChange={setWard}
          />
          <InputField name="q" type="search" label={at('admin.report.search')} hint={at('admin.report.searchHint')} error={errors.errorFor('q')} value={q()} onInput={setQ} />
        </div>
        <EventChooser events={events()} chosen={chosen()} onChange={setChosen} error={errors.errorFor('event')} />
        <div class="filters__actions">
          <button type="submit" class="button">
            {at('admin.filters.apply')}
          </button>
          <button type="button" class="button button--secondary" onClick={clear}>
            {at('admin.filters.clear')}
          </button>
        </div>
      </form>
      <Show when={report()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(r) => (
          <>
            <div role="status" class="status-region">
              <p class="filter-summary">{loading() ? at('admin.loading') : describe()}</p>
            </div>
            <div class="actions actions--tight no-print">
              <button type="button" class="button button--secondary" onClick={() => window.print()}>
                {at('admin.report.print')}
              </button>
              <a class="button button--secondary" href={exportHref('csv')} download="">
                {at('admin.report.exportCsv')}
              </a>
              <a class="button button--secondary" href={exportHref('json')} download="">
                {at('admin.report.exportJson')}
              </a>
            </div>
            <Show when={r().held > 0}>
              <div class="notice notice--warning">
                <p>
                  {atCount('admin.report.heldNotice', r().held)}{' '}
                  <Show when={props.user.role === 'admin'}>
                    <a href="/admin/held" class="no-print">
                      {at('admin.report.heldLink')}
                    </a>
                  </Show>
                </p>
              </div>
            </Show>
            <p class="stats-line">
              {atCount('admin.report.totalPoints', r().totals.points)} · {atCount('admin.report.totalAttendance', r().totals.attendance)} ·{' '}
              {atCount('admin.report.totalEvents', r().totals.events)}
            </p>
            <ThemeTable report={r()} canEdit={props.user.role === 'admin'} onSummary={(theme, summary) => setReport({ ...r(), rows: r().rows.map((row) => (row.theme === theme ? { ...row, summary } : row)) })} events={events()} />
            <EventsTable report={r()} />
          </>
        )}
      </Show>
    </div>
  );
}

/** One or more events, as checkboxes (a list can be long: it scrolls, and says how many are chosen). */
function EventChooser(props: { events: EventRow[]; chosen: string[]; onChange: (ids: string[]) => void; error: string | undefined }) {
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.chosen.filter((x) => x !== id), id] : props.chosen.filter((x) => x !== id));
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <details class="event-chooser" open={props.chosen.length > 0}>
        <summary>{props.chosen.length > 0 ? atCount('admin.report.someEvents', props.chosen.length) : at('admin.report.chooseEvents')}</summary>
        <fieldset class="radios-fieldset event-chooser__list">
          <legend class="label">{at('admin.report.events')}</legend>
          <Show when={props.error}>
            <p class="field-error" id="field-event-error">
              {props.error}
            </p>
          </Show>
          <Show when={props.events.length > 0} fallback={<p>{at('admin.report.noEvents')}</p>}>
            <For each={props.events}>
              {(e, i) => {
                const id = () => (i() === 0 ? 'field-event' : `field-event-${e.id}`);
                return (
                  <div class="checkbox checkbox--list">
                    <input id={id()} type="checkbox" checked={props.chosen.includes(e.id)} onChange={(ev) => toggle(e.id, ev.currentTarget.checked)} />
                    <label for={id()}>
                      <bdi>{e.title}</bdi>, {formatDateTime(e.startsAt)}
                    </label>
                  </div>
                );
              }}
            </For>
          </Show>
        </fieldset>
      </details>
    </div>
  );
}

function ThemeTable(props: { report: Report; canEdit: boolean; events: EventRow[]; onSummary: (theme: string, summary: string | null) => void }) {
  const [expanded, setExpanded] = createSignal<Set<string>>(new Set());
  const open = (key: string) => setExpanded((s) => new Set([...s, key]));
  const eventTitle = (id: string) => props.events.find((e) => e.id === id)?.title ?? props.report.events.find((e) => e.eventId === id)?.title;
  return (
    <section aria-labelledby="report-themes">
      <h2 id="report-themes">{at('admin.report.themesTitle')}</h2>
      <TableScroll labelledBy="report-themes">
        <table class="table report-table">
          <thead>
            <tr>
              <th scope="col">{at('admin.report.theme')}</th>
              <For each={props.report.lenses}>
                {(lens) => (
                  <th scope="col" lang={labelText(lens.label).lang}>
                    {labelText(lens.label).text}
                  </th>
                )}
              </For>
              <th scope="col">{at('admin.report.summary')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.report.rows}>
              {(row) => (
                <tr>
                  <th scope="row">
                    <span lang={labelText(row.label).lang}>{labelText(row.label).text}</span>
                    <span class="report-table__count">{atCount('admin.report.points', row.total)}</span>
                    <Show when={row.held > 0}>
                      <span class="report-table__count">{atCount('admin.report.heldInRow', row.held)}</span>
                    </Show>
                  </th>
                  <For each={props.report.lenses}>
                    {(lens) => {
                      const cell = () => row.cells[lens.id] ?? { count: 0, statements: [] };
                      const key = `${row.theme}/${lens.id}`;
                      const shown = () => (expanded().has(key) ? cell().statements : cell().statements.slice(0, SHOWN_PER_CELL));
                      return (
                        <td class="report-cell">
                          <p class="report-cell__count">{atCount('admin.report.points', cell().count)}</p>
                          <Show when={cell().statements.length > 0}>
                            <ul class="statements">
                              <For each={shown()}>
                                {(s) => (
                                  <li class="statement" classList={{ 'statement--quote': s.form === 'quote' }}>
                                    <Show
                                      when={s.form === 'quote'}
                                      fallback={
                                        <span class="tag tag--muted">{at('admin.report.summaryTag')}</span>
                                      }
                                    >
                                      <span class="tag">{at('admin.report.quoteTag')}</span>
                                    </Show>{' '}
                                    <span dir="auto" class="statement__text">
                                      {s.form === 'quote' ? `“${s.text}”` : s.text}
                                    </span>
                                    <Show when={eventTitle(s.eventId)}>
                                      {(title) => (
                                        <span class="statement__meta">
                                          {' '}
                                          (<bdi>{title()}</bdi>)
                                        </span>
                                      )}
                                    </Show>
                                  </li>
                                )}
                              </For>
                            </ul>
                            <Show when={!expanded().has(key) && cell().statements.length > SHOWN_PER_CELL}>
                              <button type="button" class="button button--secondary button--small no-print" onClick={() => open(key)}>
                                {atCount('admin.report.showAll', cell().statements.length)}
                                <span class="visually-hidden">
                                  {' '}
                                  {at('admin.report.inCell', { theme: labelText(row.label).text, lens: labelText(lens.label).text })}
                                </span>
                              </button>
                            </Show>
                            <Show when={cell().count > cell().statements.length}>
                              <p class="hint">{atCount('admin.report.newestOnly', cell().statements.length)}</p>
                            </Show>
                          </Show>
                        </td>
                      );
                    }}
                  </For>
                  <td class="report-summary">
                    <Summary theme={row.theme} themeName={labelText(row.label).text} summary={row.summary} canEdit={props.canEdit} saved={(s) => props.onSummary(row.theme, s)} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The overarching theme of one row: shown, and (for admins) edited in place. */
function Summary(props: { theme: string; themeName: string; summary: string | null; canEdit: boolean; saved: (summary: string | null) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const name = () => `summary-${props.theme}`;
  let editButton: HTMLButtonElement | undefined;

  const start = () => {
    setText(props.summary ?? '');
    setError(undefined);
    setDone(undefined);
    setEditing(true);
    queueMicrotask(() => document.getElementById(`field-${name()}`)?.focus());
  };
  const stop = () => {
    setEditing(false);
    queueMicrotask(() => editButton?.focus());
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const field = at('admin.report.summaryFor', { theme: props.themeName });
    const checked = check(SummaryRequest, { summary: text() });
    const first = checked.ok ? undefined : checked.errors[0];
    if (first) return setError(fieldText({ ...first, field: 'summary' }, field, { max: SUMMARY_LIMIT }));
    if (!checked.ok) return;
    setBusy(true);
    const answer = await api<{ summary: string | null }>('PUT', `/listening/summaries/${encodeURIComponent(props.theme)}`, checked.value);
    setBusy(false);
    if (!answer.ok) return setError(answer.fields?.[0] ? fieldText({ ...answer.fields[0], field: 'summary' }, field, { max: SUMMARY_LIMIT }) : problemText(answer.error));
    props.saved(answer.data.summary);
    setDone(at('admin.report.summarySaved', { theme: props.themeName }));
    stop();
  };

  return (
    <>
      <Show when={!editing()}>
        <Show when={props.summary} fallback={<p class="hint">{at('admin.report.noSummary')}</p>}>
          <p dir="auto" class="report-summary__text">
            {props.summary}
          </p>
        </Show>
        <Show when={props.canEdit}>
          <button type="button" class="button button--secondary button--small no-print" ref={editButton} onClick={start}>
            {at(props.summary ? 'admin.report.editSummary' : 'admin.report.writeSummary')}
            <span class="visually-hidden"> {at('admin.report.summaryFor', { theme: props.themeName })}</span>
          </button>
        </Show>
      </Show>
      <Show when={editing()}>
        <form novalidate class="no-print" onSubmit={(e) => void save(e)}>
          <Show when={error()}>
            <ErrorSummary errors={[{ field: name(), message: error() ?? '' }]} />
          </Show>
          <TextArea name={name()} label={at('admin.report.summaryFor', { theme: props.themeName })} hint={at('admin.report.summaryHint')} error={error()} value={text()} onInput={setText} rows={5} />
          <div class="actions actions--tight">
            <button type="submit" class="button button--small" disabled={busy()}>
              {at('admin.report.saveSummary')}
            </button>
            <button type="button" class="button button--secondary button--small" onClick={stop}>
              {at('admin.form.cancel')}
            </button>
          </div>
        </form>
      </Show>
      <SuccessBox message={done()} />
    </>
  );
}

function EventsTable(props: { report: Report }) {
  return (
    <section aria-labelledby="report-events">
      <h2 id="report-events">{at('admin.report.eventsTitle')}</h2>
      <Show when={props.report.events.length > 0} fallback={<p>{at('admin.report.noEventsInReport')}</p>}>
        <TableScroll labelledBy="report-events">
          <table class="table data-table">
            <thead>
              <tr>
                <th scope="col">{at('admin.events.columns.event')}</th>
                <th scope="col">{at('admin.events.columns.when')}</th>
                <th scope="col">{at('admin.events.columns.attendance')}</th>
                <th scope="col">{at('admin.events.columns.points')}</th>
                <th scope="col">{at('admin.events.columns.held')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.report.events}>
                {(e) => (
                  <tr>
                    <th scope="row">
                      <bdi>{e.title}</bdi>
                    </th>
                    <td>{formatDateTime(e.startsAt)}</td>
                    <td>{formatNumber(e.attendance)}</td>
                    <td>{formatNumber(e.points)}</td>
                    <td>{formatNumber(e.held)}</td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{at('admin.report.total')}</th>
                <td />
                <td>{formatNumber(props.report.totals.attendance)}</td>
                <td>{formatNumber(props.report.totals.points)}</td>
                <td>{formatNumber(props.report.events.reduce((n, e) => n + e.held, 0))}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </Show>
    </section>
  );
}
