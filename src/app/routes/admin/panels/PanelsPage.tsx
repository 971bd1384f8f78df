import { For, Show, createSignal, onMount } from 'solid-js';
import { localize } from '../../../../core/profile/schema';
import { formatDateTime, formatNumber, language } from '../../../i18n';
import { at } from '../i18n';
import { Loading, ProblemBox, SuccessBox, TableScroll } from '../ui';
import { listPanels, savePanel, type StaffPanel } from './panelsApi';

/** Every panel, newest first, with what can be done with each; open and close from here. */
export function PanelsPage() {
  const [panels, setPanels] = createSignal<StaffPanel[]>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const load = async () => {
    const answer = await listPanels();
    if (answer.ok) setPanels(answer.data.panels);
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const topic = (p: StaffPanel) => localize(p.topic, language());

  const setStatus = async (panel: StaffPanel, status: StaffPanel['status']) => {
    setProblem(undefined);
    setDone(undefined);
    const { id, createdBy: _by, createdAt: _at, updatedAt: _up, signups: _n, ...input } = panel;
    const answer = await savePanel(id, { ...input, status });
    if (!answer.ok) return setProblem(answer.error);
    setDone(at(`admin.panels.list.${status}Done`, { topic: topic(panel).text }));
    await load();
  };

  return (
    <>
      <h1>{at('admin.panels.list.title')}</h1>
      <p class="lead">{at('admin.panels.list.intro')}</p>
      <p>
        <a class="button" href="/admin/panels/new">
          {at('admin.panels.list.create')}
        </a>
      </p>
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <Show when={panels()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p>{at('admin.panels.list.none')}</p>}>
            <TableScroll labelledBy="panels-caption">
              <table class="data-table">
                <caption id="panels-caption">{at('admin.panels.list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{at('admin.panels.form.topic')}</th>
                    <th scope="col">{at('admin.panels.form.startsAt')}</th>
                    <th scope="col">{at('admin.panels.form.signupDeadline')}</th>
                    <th scope="col">{at('admin.panels.list.status')}</th>
                    <th scope="col" class="numeric">
                      {at('admin.panels.list.signups')}
                    </th>
                    <th scope="col">{at('admin.panels.list.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(p) => (
                      <tr>
                        <th scope="row" lang={topic(p).lang} dir="auto">
                          {topic(p).text}
                        </th>
                        <td>{formatDateTime(p.startsAt)}</td>
                        <td>{formatDateTime(p.signupDeadline)}</td>
                        <td>{at(`admin.panels.status.${p.status}`)}</td>
                        <td class="numeric">{formatNumber(p.signups)}</td>
                        <td>
                          <ul class="actions-list">
                            <li>
                              <a href={`/admin/panels/${p.id}`}>{at('admin.panels.list.edit')}
<span class="visually-hidden"> – {topic(p).text}</span></a>
                            </li>
                            <li>
                              <a href={`/admin/panels/${p.id}/signups`}>{at('admin.panels.list.viewSignups')}
<span class="visually-hidden"> – {topic(p).text}</span></a>
                            </li>
                            <li>
                              <a href={`/admin/panels/${p.id}/selection`}>{at('admin.panels.list.select')}
<span class="visually-hidden"> – {topic(p).text}</span></a>
                            </li>
                            <li>
                              <a href={`/admin/missing?panel=${p.id}`}>{at('admin.panels.list.missing')}
<span class="visually-hidden"> – {topic(p).text}</span></a>
                            </li>
                            <Show when={p.status !== 'open'}>
                              <li>
                                <button type="button" class="button button--secondary button--small" onClick={() => void setStatus(p, 'open')}>
                                  {at('admin.panels.list.open')}
<span class="visually-hidden"> – {topic(p).text}</span>
                                </button>
                              </li>
                            </Show>
                            <Show when={p.status === 'open'}>
                              <li>
                                <button type="button" class="button button--secondary button--small" onClick={() => void setStatus(p, 'closed')}>
                                  {at('admin.panels.list.close')}
<span class="visually-hidden"> – {topic(p).text}</span>
                                </button>
                              </li>
                            </Show>
                          </ul>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableScroll>
          </Show>
        )}
      </Show>
    </>
  );
}
