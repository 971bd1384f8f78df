import { Show, createSignal, onMount } from 'solid-js';
import { ReportFilter } from '../../../core/staff';
import { check } from '../../../core/validation';
import { formatNumber } from '../../i18n';
import { ErrorSummary, SelectField } from '../../ui/form';
import { api, query } from './api';
import { ChartPanel, DayColumns, HorizontalBars } from './charts';
import { at, atCount, formatDay, languageName } from './i18n';
import { staffProfile, wardName, type Me } from './session';
import { InputField, Loading, ProblemBox, createErrors } from './ui';

export interface Overview {
  total: number;
  byDay: { day: string; count: number }[];
  byWard: { ward: string | null; count: number }[];
  byLanguage: { locale: string; count: number }[];
  refusedByReason: { reason: string; count: number }[];
  awaitingModeration: number;
}

/** Every day from the first to the last with pledges, quiet days as zero (so the chart shows time fairly). */
export function fillDays(byDay: Overview['byDay']): Overview['byDay'] {
  const first = byDay[0];
  const last = byDay[byDay.length - 1];
  if (!first || !last) return [];
  const counts = new Map(byDay.map((d) => [d.day, d.count]));
  const out: Overview['byDay'] = [];
  const day = new Date(`${first.day}T00:00:00Z`);
  const end = new Date(`${last.day}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || Number.isNaN(end.getTime())) return byDay;
  while (day <= end && out.length <= 732) {
    const key = day.toISOString().slice(0, 10);
    out.push({ day: key, count: counts.get(key) ?? 0 });
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out.length > 732 ? byDay : out;
}

export function OverviewPage(props: { user: Me }) {
  return (
    <Show when={props.user.role !== 'coordinator'} fallback={<Welcome user={props.user} />}>
      <PledgeOverview user={props.user} />
    </Show>
  );
}

function Welcome(props: { user: Me }) {
  return (
    <>
      <h1>{at('admin.welcome.title')}</h1>
      <p class="lead">{at('admin.welcome.signedInAs', { email: props.user.email })}</p>
      <p>{at('admin.welcome.panelsLater')}</p>
      <p>
        <a href="/admin/account">{at('admin.welcome.account')}</a>
      </p>
    </>
  );
}

const labels: Record<string, string> = { from: 'admin.filters.from', to: 'admin.filters.to', ward: 'admin.filters.ward' };

function PledgeOverview(props: { user: Me }) {
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [data, setData] = createSignal<Overview>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors((field) => at(labels[field] ?? field));

  const [applied, setApplied] = createSignal<ReportFilter>({});
  let latest = 0;
  const load = async () => {
    const filter = check(ReportFilter, { ...(from() ? { from: from() } : {}), ...(to() ? { to: to() } : {}), ...(ward() ? { ward: ward() } : {}) });
    if (!filter.ok) {
      errors.set(filter.errors, 'from');
      return;
    }
    errors.clear();
    setBusy(true);
    setProblem(undefined);
    // Only the newest request's answer is shown, however the answers arrive.
    const mine = ++latest;
    const answer = await api<Overview>('GET', `/pledges/overview${query(filter.value)}`);
    if (mine !== latest) return;
    setBusy(false);
    if (answer.ok) {
      setData(answer.data);
      setApplied(filter.value);
    } else if (answer.fields) errors.set(answer.fields, 'from');
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const wardOptions = () => [
    { value: '', label: at('admin.filters.allWards') },
    ...(staffProfile()?.wards ?? []).map((w) => ({ value: w.id, label: w.name })),
  ];
  const days = () => fillDays(data()?.byDay ?? []);
  const top = (rows: { label: string; value: number }[]) => rows.reduce<{ label: string; value: number } | undefined>((best, r) => (!best || r.value > best.value ? r : best), undefined);

  const wardRows = () => (data()?.byWard ?? []).map((r) => ({ label: wardName(r.ward) ?? at('admin.overview.noWard'), value: r.count }));
  const languageRows = () => (data()?.byLanguage ?? []).map((r) => ({ label: languageName(r.locale), value: r.count }));
  const refusedRows = () => (data()?.refusedByReason ?? []).map((r) => ({ label: at([`admin.reasons.${r.reason}`, 'admin.reasons.other'], { reason: r.reason }), value: r.count }));
  const refusedTotal = () => refusedRows().reduce((sum, r) => sum + r.value, 0);

  const barsSummary = (title: string, rows: { label: string; value: number }[]) => {
    const best = top(rows);
    return best ? at('admin.overview.barsSummary', { title, top: best.label, count: formatNumber(best.value) }) : title;
  };
  const daysSummary = () => {
    const list = days();
    const first = list[0];
    const last = list[list.length - 1];
    const best = list.reduce<{ day: string; count: number } | undefined>((b, d) => (!b || d.count > b.count ? d : b), undefined);
    if (!first || !last || !best) return at('admin.overview.overTime');
    return at('admin.overview.daysSummary', {
      from: formatDay(first.day),
      to: formatDay(last.day),
      total: formatNumber(data()?.total ?? 0),
      max: formatNumber(best.count),
      maxDay: formatDay(best.day),
    });
  };

  return (
    <>
      <h1>{at('admin.overview.title')}</h1>
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
        <InputField name="from" type="date" width="date" ltr label={at('admin.filters.from')} error={errors.errorFor('from')} value={from()} onInput={setFrom} />
        <InputField name="to" type="date" width="date" ltr label={at('admin.filters.to')} error={errors.errorFor('to')} value={to()} onInput={setTo} />
        <SelectField name="ward" label={at('admin.filters.ward')} error={errors.errorFor('ward')} value={ward()} options={wardOptions()} onChange={setWard} />
        <div class="filters__actions">
          <button type="submit" class="button" aria-disabled={busy() ? 'true' : undefined}>
            {at('admin.filters.apply')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setFrom('');
              setTo('');
              setWard('');
              void load();
            }}
          >
            {at('admin.filters.clear')}
          </button>
        </div>
      </form>
      <ProblemBox code={problem()} />
      <Show when={data()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(d) => (
          <div aria-busy={busy() ? 'true' : 'false'}>
            <p class="filter-summary" role="status">
              {at('admin.overview.showing', {
                from: applied().from ? formatDay(applied().from ?? '') : at('admin.overview.start'),
                to: applied().to ? formatDay(applied().to ?? '') : at('admin.overview.today'),
                ward: applied().ward ? wardName(applied().ward) : at('admin.overview.allWards'),
              })}
            </p>
            <div class="stats">
              <div class="card stat-card">
                <h2>{at('admin.overview.total')}</h2>
                <p class="stat stat--big">{formatNumber(d().total)}</p>
              </div>
              <div class="card stat-card">
                <h2>{at('admin.overview.awaiting')}</h2>
                <p class="stat stat--big">{formatNumber(d().awaitingModeration)}</p>
                <Show when={props.user.role === 'admin'}>
                  <p>
                    <a href="/admin/moderation">{at('admin.overview.moderate')}</a>
                  </p>
                </Show>
              </div>
            </div>
            <ChartPanel
              title={at('admin.overview.overTime')}
              tall
              chart={<DayColumns days={days()} summary={daysSummary()} />}
              columns={[at('admin.overview.day'), at('admin.overview.pledges')]}
              rows={d().byDay.map((r) => ({ label: formatDay(r.day), value: r.count }))}
              total={d().total}
            />
            <ChartPanel
              title={at('admin.overview.byWard')}
              chart={<HorizontalBars rows={wardRows()} summary={barsSummary(at('admin.overview.byWard'), wardRows())} />}
              columns={[at('admin.overview.ward'), at('admin.overview.pledges')]}
              rows={wardRows()}
              total={d().total}
            />
            <ChartPanel
              title={at('admin.overview.byLanguage')}
              chart={<HorizontalBars rows={languageRows()} summary={barsSummary(at('admin.overview.byLanguage'), languageRows())} />}
              columns={[at('admin.overview.language'), at('admin.overview.pledges')]}
              rows={languageRows()}
              total={d().total}
            />
            <ChartPanel
              title={at('admin.overview.syncHealth')}
              chart={<HorizontalBars rows={refusedRows()} summary={barsSummary(at('admin.overview.syncHealth'), refusedRows())} />}
              columns={[at('admin.overview.reason'), at('admin.overview.records')]}
              rows={refusedRows()}
              total={refusedTotal()}
              empty={at('admin.overview.noRefused')}
            />
            <p class="hint">{atCount('admin.overview.refusedNote', refusedTotal())}</p>
          </div>
        )}
      </Show>
    </>
  );
}
