import { For, Index, Show, createEffect, createMemo, createSignal, on, onMount } from 'solid-js';
import { categoryValues, type BalanceCategory } from '../../../../core/panels/answers';
import type { CategoryQuotas } from '../../../../core/panels/panel';
import { arithmeticChecks } from '../../../../core/sortition/feasibility';
import { formatDateTime, formatNumber } from '../../../i18n';
import { apiBlob, saveBlob } from '../api';
import { at, atCount } from '../i18n';
import { staffProfile } from '../session';
import { InputField, Loading, ProblemBox, SuccessBox, TableScroll } from '../ui';
import { categoryLabel, percent, valueLabel } from './labels';
import { PanelPageHeading } from './PanelPageHeading';
import { getMissing, getPanel, getPool, getSignups, listSelections, saveSelection, selectionCsvPath, type SavedSelection, type StaffPanel, type StaffSignup } from './panelsApi';
import { buildInstance, newSeed, suggestQuotas, type PoolMember, type QuotaDraft } from './quotaPlan';
import { reasonText } from './reasons';
import type { ProgressMessage, SelectionOutcome } from './selectionProtocol';
import { selectionFor } from './selectionStore';

const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** How far along a run is, 0–100, for the progress bar: maximin's share grows as its minimum nears the bound. */
function progressPercent(p: ProgressMessage | undefined): number {
  if (!p) return 0;
  switch (p.stage) {
    case 'loading':
      return 2;
    case 'checking':
      return 8;
    case 'maximin':
      return Math.round(10 + 80 * (p.bound && p.bound > 0 ? Math.min(1, p.minProbability / p.bound) : 0));
    case 'greedy':
      return 92;
    case 'drawing':
      return 97;
  }
}

/**
 * Fair selection for one panel: quotas per value (suggested from the town's figures, or the pool's), checked
 * in plain words before anything runs; the maximin lottery computed in a Worker with progress and Cancel;
 * every volunteer's probability beside the greedy method's; the drawn panel and reserves with the seed;
 * save (the server checks and audits it) and export the contacts for invitations.
 */
export function SelectionPage(props: { id: string }) {
  const selection = selectionFor(props.id);
  const [panel, setPanel] = createSignal<StaffPanel>();
  const [pool, setPool] = createSignal<PoolMember[]>();
  const [signups, setSignups] = createSignal<StaffSignup[]>([]);
  const [reference, setReference] = createSignal<Record<string, Record<string, number>>>({});
  const [problem, setProblem] = createSignal<string>();
  const [size, setSize] = createSignal('');
  const [reserves, setReserves] = createSignal('');
  const [chosen, setChosen] = createSignal<BalanceCategory[]>([]);
  const [quotas, setQuotas] = createSignal<Record<string, { value: string; min: string; max: string; available: number }[]>>({});
  const [saved, setSaved] = createSignal<{ id: string; outcome: SelectionOutcome }>();
  const [savedMessage, setSavedMessage] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  onMount(async () => {
    const [p, members, people, missing] = await Promise.all([getPanel(props.id), getPool(props.id), getSignups(props.id), getMissing(props.id)]);
    if (!p.ok) return setProblem(p.error);
    if (!members.ok) return setProblem(members.error);
    if (people.ok) setSignups(people.data.signups);
    if (missing.ok) {
      const ref: Record<string, Record<string, number>> = {};
      for (const c of missing.data.categories) {
        const shares = Object.fromEntries(c.rows.flatMap((r) => (r.reference === null ? [] : [[r.value, r.reference]])));
        if (Object.keys(shares).length > 0) ref[c.category] = shares;
      }
      setReference(ref);
    }
    setPanel(p.data);
    setPool(members.data.pool);
    setSize(String(p.data.size));
    setReserves(String(p.data.reserves));
    setChosen([...p.data.categories]);
    suggest(p.data.categories, p.data.quotas);
  });

  const k = () => whole(size());
  const reserveCount = () => whole(reserves());
  const wards = () => staffProfile()?.wards ?? [];

  /** Fill the quotas of these categories: the panel's saved ones where they exist, otherwise suggestions. */
  const suggest = (categories: readonly BalanceCategory[], saved: readonly CategoryQuotas[] = []) => {
    const members = pool() ?? [];
    const seats = Number.isFinite(k()) ? k() : (panel()?.size ?? 0);
    const next: Record<string, { value: string; min: string; max: string; available: number }[]> = {};
    for (const c of categories) {
      const drafts: QuotaDraft[] = suggestQuotas(c, categoryValues(c, wards()), members, seats, reference()[c]);
      next[c] = drafts.map((d) => {
        const kept = saved.find((q) => q.category === c)?.values.find((q) => q.value === d.value);
        return { value: d.value, min: String(kept?.min ?? d.min), max: String(kept?.max ?? d.max), available: d.available };
      });
    }
    setQuotas(next);
  };

  /** The quotas as typed, in the core's shape (what is not a whole number stays NaN, for the checks to name). */
  const currentQuotas = (): CategoryQuotas[] =>
    chosen().map((c) => ({ category: c, values: (quotas()[c] ?? []).map((q) => ({ value: q.value, min: whole(q.min), max: whole(q.max) })) }));

  const instance = createMemo(() => {
    const members = pool() ?? [];
    return buildInstance(
      members,
      k(),
      chosen().map((c) => ({ category: c, values: (quotas()[c] ?? []).map((q) => ({ value: q.value, min: whole(q.min), max: whole(q.max), available: q.available })) })),
    );
  });
  const reasons = createMemo(() => (pool() ? arithmeticChecks(instance()) : []));
  const reservesOk = () => Number.isInteger(reserveCount()) && reserveCount() >= 0;

  const state = selection.state;
  const running = () => state().kind === 'running';

  const run = () => {
    if (reasons().length > 0 || !reservesOk()) return;
    setSaved(undefined);
    setSavedMessage(undefined);
    selection.run({ instance: instance(), seed: newSeed(), reserves: reserveCount() });
  };

  const nameOf = createMemo(() => new Map(signups().map((s) => [s.id, s.name ?? at('admin.panels.signups.noName')])));
  const who = (id: string) => nameOf().get(id) ?? at('admin.panels.selection.volunteer', { ref: id.slice(0, 8) });

  const result = () => {
    const s = state();
    return s.kind === 'done' ? s : undefined;
  };

  const save = async () => {
    const r = result();
    if (!r) return;
    setBusy(true);
    setProblem(undefined);
    const o = r.outcome;
    const ids = r.instance.volunteers.map((v) => v.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const answer = await saveSelection(props.id, {
      method: 'maximin',
      seed: o.draw.seed,
      k: r.instance.k,
      quotas: r.instance.categories.map((c) => ({ category: c.name, values: c.values.map((v) => ({ value: v.value, min: v.min, max: v.max })) })),
      volunteers: ids,
      probabilities: o.maximin.probabilities,
      panels: o.maximin.panels.map((panel) => panel.map((id) => index.get(id) ?? -1)),
      weights: o.maximin.weights,
      draw: { panel: o.draw.panel, reserves: o.draw.reserves },
    });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    setSaved({ id: answer.data.selection.id, outcome: o });
    setSavedMessage(at('admin.panels.selection.saved', { seed: o.draw.seed }));
  };

  const exportCsv = async (selectionId: string | undefined = saved()?.id) => {
    if (!selectionId) return;
    setProblem(undefined);
    const answer = await apiBlob('GET', selectionCsvPath(props.id, selectionId));
    if (!answer.ok) return setProblem(answer.error);
    saveBlob(answer.data, `panel-selection-${selectionId}.csv`);
  };

  // Selections saved before (this visit or earlier), newest first, each exportable again.
  const [history, setHistory] = createSignal<SavedSelection[]>([]);
  const loadHistory = async () => {
    const answer = await listSelections(props.id);
    if (answer.ok) setHistory(answer.data.selections);
  };
  onMount(() => void loadHistory());
  createEffect(on(saved, (s) => s && void loadHistory(), { defer: true }));

  // Results arrive while the person may be elsewhere on the page: bring them to the result heading.
  let resultHeading: HTMLHeadingElement | undefined;
  createEffect(on(() => state().kind, (kind) => {
    if (kind === 'done' || kind === 'infeasible' || kind === 'failed') queueMicrotask(() => resultHeading?.focus());
  }, { defer: true }));

  const progress = () => {
    const s = state();
    return s.kind === 'running' ? s.progress : undefined;
  };
  const progressWords = () => {
    const p = progress();
    if (!p) return at('admin.panels.selection.stage.starting');
    if (p.stage === 'maximin' && p.iteration > 0)
      return at('admin.panels.selection.stage.maximinRound', { round: formatNumber(p.iteration), min: percent(p.minProbability, 1), bound: percent(p.bound ?? 0, 1) });
    return at(`admin.panels.selection.stage.${p.stage}`);
  };

  return (
    <>
      <PanelPageHeading title={at('admin.panels.selection.title')} panel={panel()} />
      <p class="lead">{at('admin.panels.selection.intro')}</p>
      <ProblemBox code={problem()} />
      <Show when={pool()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(members) => (
          <>
            <p>{atCount('admin.panels.selection.poolSize', members().length)}</p>
            <section class="card" aria-labelledby="selection-setup">
              <h2 id="selection-setup">{at('admin.panels.selection.setup')}</h2>
              <div class="field-pair">
                <InputField name="k" inputmode="numeric" width="date" ltr label={at('admin.panels.form.size')} value={size()} onInput={setSize} />
                <InputField name="reserves" inputmode="numeric" width="date" ltr label={at('admin.panels.form.reserves')} error={reservesOk() ? undefined : at('admin.panels.selection.reservesWrong')} value={reserves()} onInput={setReserves} />
              </div>
              <fieldset class="radios-fieldset">
                <legend class="label">{at('admin.panels.selection.balanceOn')}</legend>
                <div class="checkboxes">
                  <For each={(['ageBand', 'gender', 'ethnicity', 'disability', 'ward', 'religion'] as const)}>
                    {(c) => (
                      <div class="checkbox">
                        <input
                          id={`field-balance-${c}`}
                          type="checkbox"
                          checked={chosen().includes(c)}
                          onChange={(e) => {
                            const next = e.currentTarget.checked ? [...chosen(), c] : chosen().filter((x) => x !== c);
                            setChosen(next);
                            if (e.currentTarget.checked && !quotas()[c]) suggest(next, currentQuotas());
                          }}
                        />
                        <label for={`field-balance-${c}`}>{categoryLabel(c)}</label>
                      </div>
                    )}
                  </For>
                </div>
              </fieldset>
              <p>
                <button type="button" class="button button--secondary" onClick={() => suggest(chosen())}>
                  {at('admin.panels.selection.suggestAgain')}
                </button>
              </p>
              <p class="hint">{at(Object.keys(reference()).length > 0 ? 'admin.panels.selection.fromReference' : 'admin.panels.selection.fromPool')}</p>
              <For each={chosen()}>
                {(c) => (
                  <div class="quota-block">
                    <h3 id={`quotas-${c}`}>{at('admin.panels.selection.quotasFor', { category: categoryLabel(c) })}</h3>
                    <TableScroll labelledBy={`quotas-${c}`}>
                      <table class="data-table quota-table">
                        <thead>
                          <tr>
                            <th scope="col">{categoryLabel(c)}</th>
                            <th scope="col" class="numeric">{at('admin.panels.selection.inPool')}</th>
                            <th scope="col" class="numeric">{at('admin.panels.missing.townShare')}</th>
                            <th scope="col">{at('admin.panels.selection.min')}</th>
                            <th scope="col">{at('admin.panels.selection.max')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <Index each={quotas()[c] ?? []}>
                            {(q, i) => {
                              const update = (field: 'min' | 'max', text: string) =>
                                setQuotas((all) => ({ ...all, [c]: (all[c] ?? []).map((row, j) => (j === i ? { ...row, [field]: text } : row)) }));
                              return (
                                <tr>
                                  <th scope="row">{valueLabel(c, q().value)}</th>
                                  <td class="numeric">{formatNumber(q().available)}</td>
                                  <td class="numeric">{reference()[c]?.[q().value] !== undefined ? percent(reference()[c]?.[q().value] ?? 0) : at('admin.panels.missing.noFigure')}</td>
                                  <td>
                                    <label class="visually-hidden" for={`quota-${c}-${i}-min`}>
                                      {at('admin.panels.selection.minFor', { value: valueLabel(c, q().value) })}
                                    </label>
                                    <input id={`quota-${c}-${i}-min`} class="admin-input" inputmode="numeric" dir="ltr" value={q().min} onInput={(e) => update('min', e.currentTarget.value)} />
                                  </td>
                                  <td>
                                    <label class="visually-hidden" for={`quota-${c}-${i}-max`}>
                                      {at('admin.panels.selection.maxFor', { value: valueLabel(c, q().value) })}
                                    </label>
                                    <input id={`quota-${c}-${i}-max`} class="admin-input" inputmode="numeric" dir="ltr" value={q().max} onInput={(e) => update('max', e.currentTarget.value)} />
                                  </td>
                                </tr>
                              );
                            }}
                          </Index>
                        </tbody>
                      </table>
                    </TableScroll>
                  </div>
                )}
              </For>
              <div role="status" class="status-region">
                <Show when={reasons().length > 0}>
                  <div class="notice notice--warning">
                    <h3>{at('admin.panels.selection.cannotMeet')}</h3>
                    <ul>
                      <For each={reasons()}>{(r) => <li>{reasonText(r)}</li>}</For>
                    </ul>
                  </div>
                </Show>
              </div>
              <p class="button-row">
                <button type="button" class="button" aria-disabled={reasons().length > 0 || !reservesOk() || running() ? 'true' : undefined} onClick={run}>
                  {at('admin.panels.selection.run')}
                </button>
                <Show when={running()}>
                  <button type="button" class="button button--secondary" onClick={() => selection.cancel()}>
                    {at('admin.panels.selection.cancel')}
                  </button>
                </Show>
              </p>
            </section>

            {/* Always in the page (hidden when idle), so its live region is there before the first update. */}
            <section class="card" aria-labelledby="selection-progress-title" hidden={!running()}>
              <h2 id="selection-progress-title">{at('admin.panels.selection.running')}</h2>
              <div class="progress" role="progressbar" aria-labelledby="selection-progress-title" aria-valuemin="0" aria-valuemax="100" aria-valuenow={progressPercent(progress())}>
                <div class="progress__bar" style={{ 'inline-size': `${progressPercent(progress())}%` }} />
              </div>
              <p aria-live="polite">{running() ? progressWords() : ''}</p>
              <p class="hint">{at('admin.panels.selection.keepWorking')}</p>
            </section>
            <Show when={state().kind === 'cancelled'}>
              <p role="status">{at('admin.panels.selection.cancelled')}</p>
            </Show>
            <Show when={(() => { const s = state(); return s.kind === 'infeasible' ? s : undefined; })()}>
              {(s) => (
                <section class="card notice notice--warning" aria-labelledby="selection-infeasible">
                  <h2 id="selection-infeasible" tabindex="-1" ref={resultHeading}>
                    {at('admin.panels.selection.cannotMeet')}
                  </h2>
                  <ul>
                    <For each={s().answer.reasons}>{(r) => <li>{reasonText(r)}</li>}</For>
                  </ul>
                </section>
              )}
            </Show>
            <Show when={(() => { const s = state(); return s.kind === 'failed' ? s : undefined; })()}>
              <div class="error-summary" role="alert">
                <h2 tabindex="-1" ref={resultHeading}>{at('admin.panels.selection.failed')}</h2>
              </div>
            </Show>
            <Show when={result()}>
              {(r) => <Result outcome={r().outcome} who={who} panelSize={r().instance.k} ids={r().instance.volunteers.map((v) => v.id)} values={(id) => members().find((m) => m.id === id)?.values ?? {}} categories={r().instance.categories.map((c) => c.name)} heading={(el) => (resultHeading = el)} onSave={() => void save()} saved={!!saved()} busy={busy()} onExport={() => void exportCsv()} />}
            </Show>
            <SuccessBox message={savedMessage()} />
            <Show when={history().length > 0}>
              <section class="card" aria-labelledby="saved-selections">
                <h2 id="saved-selections">{at('admin.panels.selection.history')}</h2>
                <TableScroll labelledBy="saved-selections">
                  <table class="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{at('admin.panels.selection.historyWhen')}</th>
                        <th scope="col">{at('admin.panels.selection.historyBy')}</th>
                        <th scope="col">{at('admin.panels.selection.seedIs')}</th>
                        <th scope="col" class="numeric">{at('admin.panels.selection.maximinChance')}</th>
                        <th scope="col">{at('admin.panels.list.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={history()}>
                        {(h) => (
                          <tr>
                            <th scope="row">{formatDateTime(h.createdAt)}</th>
                            <td>
                              <bdi>{h.createdBy}</bdi>
                            </td>
                            <td>
                              <code dir="ltr">{h.seed}</code>
                            </td>
                            <td class="numeric">{percent(h.minProbability, 1)}</td>
                            <td>
                              <button type="button" class="button button--secondary button--small" onClick={() => void exportCsv(h.id)}>
                                {at('admin.panels.selection.exportAgain')}
                                <span class="visually-hidden"> – {formatDateTime(h.createdAt)}</span>
                              </button>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </TableScroll>
              </section>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}

function Result(props: {
  outcome: SelectionOutcome;
  ids: string[];
  who: (id: string) => string;
  values: (id: string) => Record<string, string>;
  categories: string[];
  panelSize: number;
  heading: (el: HTMLHeadingElement) => void;
  onSave: () => void;
  onExport: () => void;
  saved: boolean;
  busy: boolean;
}) {
  const o = () => props.outcome;
  const rows = createMemo(() =>
    props.ids
      .map((id, i) => ({ id, maximin: o().maximin.probabilities[i] ?? 0, greedy: o().greedy.ok ? ((o().greedy as { probabilities: number[] }).probabilities[i] ?? 0) : null }))
      .sort((a, b) => a.maximin - b.maximin || props.who(a.id).localeCompare(props.who(b.id))),
  );
  const describe = (id: string) => props.categories.map((c) => valueLabel(c, props.values(id)[c] ?? '')).join(', ');
  return (
    <section class="card selection-result" aria-labelledby="selection-result-title">
      <h2 id="selection-result-title" tabindex="-1" ref={props.heading}>
        {at('admin.panels.selection.resultTitle')}
      </h2>
      <div class="stats">
        <div class="card stat-card">
          <h3>{at('admin.panels.selection.maximinMin')}</h3>
          <p class="stat stat--big">{percent(o().maximin.minProbability, 1)}</p>
          <p class="hint">{at(o().maximin.optimal ? 'admin.panels.selection.optimal' : 'admin.panels.selection.notOptimal', { bound: percent(o().maximin.upperBound, 1) })}</p>
        </div>
        <div class="card stat-card">
          <h3>{at('admin.panels.selection.greedyMin')}</h3>
          <p class="stat stat--big">{o().greedy.ok ? percent((o().greedy as { minProbability: number }).minProbability, 1) : '–'}</p>
          <p class="hint">{o().greedy.ok ? at('admin.panels.selection.greedyExplained') : at('admin.panels.selection.greedyFailed')}</p>
        </div>
      </div>
      <Show when={o().maximin.unselectable.length > 0}>
        <p class="notice notice--warning">{atCount('admin.panels.selection.unselectable', o().maximin.unselectable.length)}</p>
      </Show>
      <p>{at('admin.panels.selection.seedIs')} <code dir="ltr" class="seed">{o().draw.seed}</code></p>
      <p class="hint">{at('admin.panels.selection.seedExplained')}</p>

      <h3 id="drawn-panel">{atCount('admin.panels.selection.drawn', o().draw.panel.length)}</h3>
      <ol class="drawn-list" aria-labelledby="drawn-panel">
        <For each={o().draw.panel}>
          {(id) => (
            <li>
              <bdi>{props.who(id)}</bdi> <span class="hint">({describe(id)})</span>
            </li>
          )}
        </For>
      </ol>
      <h3 id="reserve-list">{atCount('admin.panels.selection.reserves', o().draw.reserves.length)}</h3>
      <Show when={o().draw.reserves.length > 0} fallback={<p>{at('admin.panels.selection.noReserves')}</p>}>
        <ol class="drawn-list" aria-labelledby="reserve-list">
          <For each={o().draw.reserves}>
            {(id) => (
              <li>
                <bdi>{props.who(id)}</bdi> <span class="hint">({describe(id)})</span>
              </li>
            )}
          </For>
        </ol>
        <p class="hint">{at('admin.panels.selection.reservesExplained')}</p>
      </Show>

      <p class="button-row">
        <button type="button" class="button" aria-disabled={props.saved || props.busy ? 'true' : undefined} onClick={() => !props.saved && !props.busy && props.onSave()}>
          {at(props.saved ? 'admin.panels.selection.savedButton' : 'admin.panels.selection.save')}
        </button>
        <Show when={props.saved}>
          <button type="button" class="button button--secondary" onClick={() => props.onExport()}>
            {at('admin.panels.selection.export')}
          </button>
        </Show>
      </p>

      <h3 id="probabilities-title">{at('admin.panels.selection.probabilities')}</h3>
      <p class="hint">{at('admin.panels.selection.probabilitiesExplained')}</p>
      <TableScroll labelledBy="probabilities-title" tall>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{at('admin.panels.selection.person')}</th>
              <th scope="col">{at('admin.panels.selection.answers')}</th>
              <th scope="col" class="numeric">{at('admin.panels.selection.maximinChance')}</th>
              <th scope="col" class="numeric">{at('admin.panels.selection.greedyChance')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr>
                  <th scope="row"><bdi>{props.who(r.id)}</bdi></th>
                  <td>{describe(r.id)}</td>
                  <td class="numeric">{percent(r.maximin, 1)}</td>
                  <td class="numeric">{r.greedy === null ? '–' : percent(r.greedy, 1)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
