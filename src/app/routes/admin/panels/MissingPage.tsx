import { For, Show, createMemo, createSignal, onMount } from 'solid-js';
import { localize } from '../../../../core/profile/schema';
import { formatNumber, language } from '../../../i18n';
import { SelectField } from '../../../ui/form';
import { ComparisonBars } from '../charts';
import { at, atCount } from '../i18n';
import type { Me } from '../session';
import { Loading, ProblemBox } from '../ui';
import { biggestGaps, shareRows, type ShareRow } from './gaps';
import { categoryLabel, percent, valueLabel } from './labels';
import { getMissing, listPanels, type MissingAnswer, type StaffPanel } from './panelsApi';

/**
 * Who is missing: the make-up of the sign-ups (all, or one panel's) beside the town's reference figures, so
 * outreach can go where voices are missing. Aggregates only: analysts see this page too. Groups of fewer than
 * 5 are never shown as a number.
 */
export function MissingPage(props: { user: Me }) {
  const initial = new URLSearchParams(location.search).get('panel') ?? '';
  const [panel, setPanel] = createSignal(initial);
  const [panels, setPanels] = createSignal<StaffPanel[]>([]);
  const [data, setData] = createSignal<MissingAnswer>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    setBusy(true);
    setProblem(undefined);
    const answer = await getMissing(panel() || undefined);
    if (mine !== latest) return;
    setBusy(false);
    if (answer.ok) setData(answer.data);
    else setProblem(answer.error);
  };
  onMount(async () => {
    void load();
    const list = await listPanels();
    if (list.ok) setPanels(list.data.panels);
  });

  const categories = createMemo(() =>
    (data()?.categories ?? []).map((c) => ({ category: c.category, total: c.total, rows: shareRows(c.rows, c.total) })),
  );
  const hasReference = () => categories().some((c) => c.rows.some((r) => r.reference !== null));
  const gaps = () => biggestGaps(categories());
  const gapWords = (g: ReturnType<typeof gaps>[number]) =>
    at(g.share === null ? 'admin.panels.missing.gapSmall' : 'admin.panels.missing.gap', {
      group: valueLabel(g.category, g.value),
      category: categoryLabel(g.category),
      share: g.share === null ? '' : percent(g.share),
      reference: percent(g.reference),
    });
  const chartRows = (category: string, rows: ShareRow[]) => rows.map((r) => ({ label: valueLabel(category, r.value), value: r.share, reference: r.reference }));
  const panelName = (p: StaffPanel) => localize(p.topic, language()).text;

  return (
    <>
      <h1>{at('admin.panels.missing.title')}</h1>
      <p class="lead">{at('admin.panels.missing.intro')}</p>
      <form
        class="filters"
        novalidate
        aria-label={at('admin.panels.missing.filter')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <SelectField
          name="panel"
          label={at('admin.panels.missing.which')}
          value={panel()}
          onChange={setPanel}
          options={[{ value: '', label: at('admin.panels.missing.all') }, ...panels().map((p) => ({ value: p.id, label: panelName(p) }))]}
        />
        <div class="filters__actions">
          <button type="submit" class="button">
            {at('admin.panels.missing.show')}
          </button>
        </div>
      </form>
      <ProblemBox code={problem()} />
      <Show when={data()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(d) => (
          <div aria-busy={busy() ? 'true' : 'false'}>
            <div role="status">
              <p>{atCount('admin.panels.missing.total', d().total)}</p>
              <Show
                when={hasReference()}
                fallback={
                  <div class="notice">
                    <p>{at('admin.panels.missing.noReference')}</p>
                    <Show when={props.user.role === 'admin'} fallback={<p>{at('admin.panels.missing.askAdminFigures')}</p>}>
                      <p>
                        <a href="/admin/reference">{at('admin.panels.missing.addFigures')}</a>
                      </p>
                    </Show>
                  </div>
                }
              >
                <Show when={gaps().length > 0} fallback={<p>{at('admin.panels.missing.noGaps')}</p>}>
                  <p class="gaps-lead">{at('admin.panels.missing.gapsLead')}</p>
                  <ul class="gaps">
                    <For each={gaps()}>{(g) => <li>{gapWords(g)}</li>}</For>
                  </ul>
                </Show>
                <Show when={d().referenceSource}>
                  <p class="hint">{at('admin.panels.missing.source', { source: d().referenceSource })}</p>
                </Show>
                <Show when={props.user.role === 'admin'}>
                  <p>
                    <a href="/admin/reference">{at('admin.panels.missing.changeFigures')}</a>
                  </p>
                </Show>
              </Show>
            </div>
            <For each={categories()}>
              {(c) => (
                <section class="card chart-panel missing-panel" aria-labelledby={`missing-${c.category}`}>
                  <h2 id={`missing-${c.category}`}>{categoryLabel(c.category)}</h2>
                  <div class="chart-panel__body">
                    <div class="chart-panel__chart">
                      <p class="chart-legend" aria-hidden="true">
                        <span class="chart-legend__key" /> {at('admin.panels.missing.signupsShare')}
                        <span class="chart-legend__key chart-legend__key--reference" /> {at('admin.panels.missing.townShare')}
                      </p>
                      <ComparisonBars
                        rows={chartRows(c.category, c.rows)}
                        summary={at('admin.panels.missing.chartSummary', { category: categoryLabel(c.category) })}
                        format={(s) => percent(s)}
                        withheld={at('admin.panels.missing.fewerThan5')}
                      />
                    </div>
                    <div class="chart-panel__table table-scroll" role="region" tabindex="0" aria-labelledby={`missing-${c.category}-caption`}>
                      <table class="data-table data-table--narrow missing-table">
                        <caption id={`missing-${c.category}-caption`}>{at('admin.overview.tableCaption', { title: categoryLabel(c.category) })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{categoryLabel(c.category)}</th>
                            <th scope="col" class="numeric">
                              {at('admin.panels.missing.signups')}
                            </th>
                            <th scope="col" class="numeric">
                              {at('admin.panels.missing.signupsShare')}
                            </th>
                            <th scope="col" class="numeric">
                              {at('admin.panels.missing.townShare')}
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={c.rows}>
                            {(r) => (
                              <tr>
                                <th scope="row">{valueLabel(c.category, r.value)}</th>
                                <td class="numeric">{r.count === null ? at('admin.panels.missing.fewerThan5') : formatNumber(r.count)}</td>
                                <td class="numeric">{r.share === null ? '–' : percent(r.share)}</td>
                                <td class="numeric">{r.reference === null ? at('admin.panels.missing.noFigure') : percent(r.reference)}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  </div>
                </section>
              )}
            </For>
          </div>
        )}
      </Show>
    </>
  );
}
