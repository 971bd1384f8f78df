import { For, Show, createSignal, onMount } from 'solid-js';
import { formatDateTime } from '../../../i18n';
import { at, atCount, languageName } from '../i18n';
import { EmailText, Loading, ProblemBox, TableScroll } from '../ui';
import { PanelPageHeading } from './PanelPageHeading';
import { getPanel, getSignups, type StaffPanel, type StaffSignup } from './panelsApi';

/** A panel's sign-ups with contact details, for a coordinator or admin (the server writes the view to the audit log). */
export function SignupsPage(props: { id: string }) {
  const [panel, setPanel] = createSignal<StaffPanel>();
  const [signups, setSignups] = createSignal<StaffSignup[]>();
  const [problem, setProblem] = createSignal<string>();
  onMount(async () => {
    const [p, s] = await Promise.all([getPanel(props.id), getSignups(props.id)]);
    if (p.ok) setPanel(p.data);
    if (s.ok) setSignups(s.data.signups);
    else setProblem(s.error);
  });
  const spoken = (s: StaffSignup) =>
    s.preferredLanguage === 'other' ? (s.preferredLanguageOther ?? at('admin.panels.signups.otherLanguage')) : s.preferredLanguage ? languageName(s.preferredLanguage) : at('admin.panels.signups.notGiven');

  return (
    <>
      <PanelPageHeading title={at('admin.panels.signups.title')} panel={panel()} />
      <p class="hint">{at('admin.panels.signups.privacy')}</p>
      <ProblemBox code={problem()} />
      <Show when={signups()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <>
            <p role="status">{atCount('admin.panels.signups.count', list().length)}</p>
            <Show when={list().length > 0}>
              <TableScroll labelledBy="signups-caption" tall>
                <table class="data-table">
                  <caption id="signups-caption">{at('admin.panels.signups.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{at('admin.panels.signups.name')}</th>
                      <th scope="col">{at('admin.panels.signups.contact')}</th>
                      <th scope="col">{at('admin.panels.signups.language')}</th>
                      <th scope="col">{at('admin.panels.signups.appLanguage')}</th>
                      <th scope="col">{at('admin.panels.signups.access')}</th>
                      <th scope="col">{at('admin.panels.signups.received')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(s) => (
                        <tr>
                          <th scope="row" dir="auto">
                            {s.name ?? at('admin.panels.signups.noName')}
                          </th>
                          <td>
                            <Show when={s.email}>{(email) => <div><EmailText email={email()} /></div>}</Show>
                            <Show when={s.phone}>
                              {(phone) => (
                                <div>
                                  <bdi dir="ltr">{phone()}</bdi>
                                </div>
                              )}
                            </Show>
                          </td>
                          <td dir="auto">{spoken(s)}</td>
                          <td>{languageName(s.locale)}</td>
                          <td>
                            <Show when={s.accessNeeds.length > 0 || s.accessNotes} fallback={at('admin.panels.signups.noNeeds')}>
                              <ul class="plain-list">
                                <For each={s.accessNeeds}>{(n) => <li>{at([`admin.panels.access.${n}`, `panels.answers.access.${n}`], { defaultValue: n })}</li>}</For>
                              </ul>
                              <Show when={s.accessNotes}>
                                <p dir="auto">{s.accessNotes}</p>
                              </Show>
                            </Show>
                          </td>
                          <td>{formatDateTime(s.receivedAt)}</td>
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
