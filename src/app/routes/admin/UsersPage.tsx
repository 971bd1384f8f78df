import { For, Show, createEffect, createSignal, onMount } from 'solid-js';
import { InviteStaffRequest, staffRoles, type StaffRole } from '../../../core/staff';
import { check } from '../../../core/validation';
import { formatDateTime } from '../../i18n';
import { ErrorSummary, TextField } from '../../ui/form';
import { api } from './api';
import { at } from './i18n';
import type { Me } from './session';
import { CopyButton, EmailText, Loading, ProblemBox, Radios, SuccessBox, TableScroll, createErrors } from './ui';

interface StaffMember {
  id: string;
  email: string;
  role: StaffRole;
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: string;
}

const fieldLabels: Record<string, string> = { email: 'admin.users.email', role: 'admin.users.role' };

/** Staff accounts: invite by one-time link, change a role, disable or enable an account. */
export function UsersPage(props: { user: Me }) {
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<string>('');
  const [invited, setInvited] = createSignal<{ email: string; role: StaffRole; link: string; expiresAt: string }>();
  const [users, setUsers] = createSignal<StaffMember[]>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors((field) => at(fieldLabels[field] ?? field));
  let resultHeading: HTMLHeadingElement | undefined;

  const load = async () => {
    const answer = await api<{ users: StaffMember[] }>('GET', '/users');
    if (answer.ok) setUsers(answer.data.users);
    else setProblem(answer.error);
  };
  onMount(() => void load());
  createEffect(() => {
    if (invited()) queueMicrotask(() => resultHeading?.focus());
  });

  const invite = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    const body = check(InviteStaffRequest, { email: email(), role: role() || undefined });
    if (!body.ok) return errors.set(body.errors, 'email');
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ link: string; expiresAt: string }>('POST', '/users', body.value);
    setBusy(false);
    if (!answer.ok) {
      if (answer.fields) errors.set(answer.fields, 'email');
      else if (answer.error === 'already-exists') errors.setOne('email', () => at('admin.users.exists'));
      else setProblem(answer.error);
      return;
    }
    setInvited({ email: body.value.email, role: body.value.role, ...answer.data });
    setEmail('');
    setRole('');
  };

  const change = async (member: StaffMember, changes: { role?: StaffRole; disabled?: boolean }) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    const answer = await api<{ ok: true }>('PATCH', `/users/${encodeURIComponent(member.id)}`, changes);
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    if (changes.role) setDone(at('admin.users.roleChanged', { email: member.email, role: at(`admin.roles.${changes.role}`) }));
    else setDone(at(changes.disabled ? 'admin.users.disabledDone' : 'admin.users.enabledDone', { email: member.email }));
    await load();
  };

  const roleOptions = () => staffRoles.map((r) => ({ value: r, label: at(`admin.roles.${r}`), hint: at(`admin.roles.${r}Explained`) }));

  return (
    <>
      <h1>{at('admin.users.title')}</h1>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />

      <section class="card" aria-labelledby="invite-staff-title">
        <h2 id="invite-staff-title">{at('admin.users.inviteTitle')}</h2>
        <p>{at('admin.users.inviteIntro')}</p>
        <form novalidate onSubmit={(e) => void invite(e)}>
          <TextField name="email" type="email" label={at('admin.users.email')} error={errors.errorFor('email')} value={email()} onInput={setEmail} />
          <Radios name="role" legend={at('admin.users.role')} error={errors.errorFor('role')} value={role()} options={roleOptions()} onChange={setRole} />
          <button type="submit" class="button" disabled={busy()}>
            {at('admin.users.invite')}
          </button>
        </form>
        <Show when={invited()}>
          {(inv) => (
            <div class="invite-result">
              <h3 tabindex="-1" ref={resultHeading}>
                {at('admin.users.linkFor', { email: inv().email, role: at(`admin.roles.${inv().role}`) })}
              </h3>
              <p class="one-time-link">
                <code dir="ltr">{inv().link}</code>
              </p>
              <CopyButton value={inv().link} label={at('admin.users.copyLink')} />
              <p class="hint">{at('admin.users.linkHelp', { when: formatDateTime(inv().expiresAt) })}</p>
            </div>
          )}
        </Show>
      </section>

      <h2>{at('admin.users.listTitle')}</h2>
      <Show when={users()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <TableScroll labelledBy="users-caption">
            <table class="data-table">
              <caption id="users-caption">{at('admin.users.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{at('admin.users.email')}</th>
                  <th scope="col">{at('admin.users.role')}</th>
                  <th scope="col">{at('admin.users.twoStep')}</th>
                  <th scope="col">{at('admin.users.status')}</th>
                  <th scope="col">{at('admin.users.created')}</th>
                  <th scope="col">{at('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(member) => {
                    const self = member.id === props.user.id;
                    const [chosen, setChosen] = createSignal<StaffRole>(member.role);
                    const selectId = `role-${member.id}`;
                    return (
                      <tr>
                        <th scope="row">
                          <EmailText email={member.email} />
                          <Show when={self}>
                            {' '}
                            <span class="tag">{at('admin.users.you')}</span>
                          </Show>
                        </th>
                        <td>
                          <Show when={!self} fallback={at(`admin.roles.${member.role}`)}>
                            <div class="inline-form">
                              <label class="visually-hidden" for={selectId}>
                                {at('admin.users.roleOf', { email: member.email })}
                              </label>
                              <select id={selectId} class="select--small" onChange={(e) => setChosen(e.currentTarget.value as StaffRole)}>
                                <For each={staffRoles}>
                                  {(r) => (
                                    <option value={r} selected={r === member.role}>
                                      {at(`admin.roles.${r}`)}
                                    </option>
                                  )}
                                </For>
                              </select>
                              <button
                                type="button"
                                class="button button--secondary button--small"
                                disabled={busy() || chosen() === member.role}
                                onClick={() => void change(member, { role: chosen() })}
                              >
                                {at('admin.users.changeRole')}
                                <span class="visually-hidden"> {member.email}</span>
                              </button>
                            </div>
                          </Show>
                        </td>
                        <td>{at(member.totpEnabled ? 'admin.users.on' : 'admin.users.off')}</td>
                        <td>
                          <span class="tag" classList={{ 'tag--muted': member.disabled }}>
                            {at(member.disabled ? 'admin.users.disabled' : 'admin.users.active')}
                          </span>
                        </td>
                        <td>{formatDateTime(member.createdAt)}</td>
                        <td>
                          <Show when={!self} fallback={<span class="hint">{at('admin.users.notYourself')}</span>}>
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              disabled={busy()}
                              onClick={() => void change(member, { disabled: !member.disabled })}
                            >
                              {at(member.disabled ? 'admin.users.enable' : 'admin.users.disable')}
                              <span class="visually-hidden"> {member.email}</span>
                            </button>
                          </Show>
                        </td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
          </TableScroll>
        )}
      </Show>
    </>
  );
}
