import { For, Show, createEffect, createSignal, onMount } from 'solid-js';
import { DeviceInviteRequest } from '../../../core/staff';
import { check } from '../../../core/validation';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorSummary, TextField } from '../../ui/form';
import { api } from './api';
import { at } from './i18n';
import { CopyButton, EmailText, Loading, ProblemBox, QrImage, SuccessBox, TableScroll, createErrors } from './ui';

interface Device {
  id: string;
  name: string;
  enrolledBy: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  received: number;
  refused: { reason: string; count: number }[];
}

interface Invite {
  name: string;
  code: string;
  link: string;
  qrSvg: string;
  expiresAt: string;
}

/** Outreach devices: invite one by QR code, see what each has sent, revoke a lost one. */
export function DevicesPage() {
  const [name, setName] = createSignal('');
  const [invite, setInvite] = createSignal<Invite>();
  const [devices, setDevices] = createSignal<Device[]>();
  const [problem, setProblem] = createSignal<string>();
  const [confirming, setConfirming] = createSignal<Device>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors(() => at('admin.devices.name'), () => ({ max: 120 }));
  const revokeButtons = new Map<string, HTMLButtonElement>();
  let confirmHeading: HTMLHeadingElement | undefined;
  let inviteHeading: HTMLHeadingElement | undefined;

  const load = async () => {
    const answer = await api<{ devices: Device[] }>('GET', '/devices');
    if (answer.ok) setDevices(answer.data.devices);
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const createInvite = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = check(DeviceInviteRequest, { name: name() });
    if (!body.ok) return errors.set(body.errors, 'name');
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<Omit<Invite, 'name'>>('POST', '/devices/invites', body.value);
    setBusy(false);
    if (!answer.ok) {
      if (answer.fields) errors.set(answer.fields, 'name');
      else setProblem(answer.error);
      return;
    }
    setInvite({ ...answer.data, name: body.value.name });
    setName('');
  };
  createEffect(() => {
    if (invite()) queueMicrotask(() => inviteHeading?.focus());
  });
  createEffect(() => {
    if (confirming()) queueMicrotask(() => confirmHeading?.focus());
  });

  const revoke = async (device: Device) => {
    setBusy(true);
    setProblem(undefined);
    const answer = await api<{ ok: true }>('POST', `/devices/${encodeURIComponent(device.id)}/revoke`, {});
    setBusy(false);
    setConfirming(undefined);
    if (!answer.ok) return setProblem(answer.error);
    setDone(at('admin.devices.revokedDone', { name: device.name }));
    await load();
  };

  const refusedText = (d: Device) =>
    d.refused.length === 0
      ? formatNumber(0)
      : d.refused.map((r) => `${at([`admin.reasons.${r.reason}`, 'admin.reasons.other'], { reason: r.reason })}: ${formatNumber(r.count)}`).join('; ');

  return (
    <>
      <h1>{at('admin.devices.title')}</h1>
      <p>{at('admin.devices.intro')}</p>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />

      <section class="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{at('admin.devices.inviteTitle')}</h2>
        <form novalidate onSubmit={(e) => void createInvite(e)}>
          <TextField name="name" label={at('admin.devices.name')} hint={at('admin.devices.nameHint')} error={errors.errorFor('name')} value={name()} onInput={setName} />
          <button type="submit" class="button" disabled={busy()}>
            {at('admin.devices.create')}
          </button>
        </form>
        <Show when={invite()}>
          {(inv) => (
            <div class="invite-result">
              <h3 tabindex="-1" ref={inviteHeading}>
                {at('admin.devices.inviteFor', { name: inv().name })}
              </h3>
              <QrImage svg={inv().qrSvg} alt={at('admin.devices.qrAlt', { name: inv().name })} />
              <p>{at('admin.devices.scan')}</p>
              <p class="one-time-link">
                <span class="label">{at('admin.devices.link')}</span>
                <code dir="ltr">{inv().link}</code>
              </p>
              <CopyButton value={inv().link} label={at('admin.devices.copyLink')} />
              <p class="hint">{at('admin.devices.expires', { when: formatDateTime(inv().expiresAt) })}</p>
            </div>
          )}
        </Show>
      </section>

      <Show when={confirming()}>
        {(device) => (
          <section class="card confirm" aria-labelledby="confirm-title">
            <h2 id="confirm-title" tabindex="-1" ref={confirmHeading}>
              {at('admin.devices.confirmTitle', { name: device().name })}
            </h2>
            <p>{at('admin.devices.confirmText')}</p>
            <div class="actions actions--tight">
              <button type="button" class="button button--warning" disabled={busy()} onClick={() => void revoke(device())}>
                {at('admin.devices.confirmYes')}
              </button>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => {
                  const id = device().id;
                  setConfirming(undefined);
                  revokeButtons.get(id)?.focus();
                }}
              >
                {at('admin.form.cancel')}
              </button>
            </div>
          </section>
        )}
      </Show>

      <h2 id="devices-title">{at('admin.devices.listTitle')}</h2>
      <Show when={devices()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p>{at('admin.devices.none')}</p>}>
            <TableScroll labelledBy="devices-caption">
              <table class="data-table">
                <caption id="devices-caption">{at('admin.devices.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{at('admin.devices.name')}</th>
                    <th scope="col">{at('admin.devices.enrolledBy')}</th>
                    <th scope="col">{at('admin.devices.enrolledAt')}</th>
                    <th scope="col">{at('admin.devices.lastSync')}</th>
                    <th scope="col" class="numeric">
                      {at('admin.devices.received')}
                    </th>
                    <th scope="col">{at('admin.devices.refused')}</th>
                    <th scope="col">{at('admin.devices.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(d) => (
                      <tr>
                        <th scope="row">
                          <bdi>{d.name}</bdi>
                        </th>
                        <td>{d.enrolledBy ? <EmailText email={d.enrolledBy} /> : at('admin.devices.unknown')}</td>
                        <td>{formatDateTime(d.enrolledAt)}</td>
                        <td>{d.lastSyncAt ? formatDateTime(d.lastSyncAt) : at('admin.devices.never')}</td>
                        <td class="numeric">{formatNumber(d.received)}</td>
                        <td>{refusedText(d)}</td>
                        <td>
                          <Show
                            when={!d.revokedAt}
                            fallback={<span class="tag tag--muted">{at('admin.devices.revokedOn', { when: formatDateTime(d.revokedAt ?? '') })}</span>}
                          >
                            <span class="tag">{at('admin.devices.active')}</span>{' '}
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              ref={(el) => revokeButtons.set(d.id, el)}
                              onClick={() => {
                                setDone(undefined);
                                setConfirming(d);
                              }}
                            >
                              {at('admin.devices.revoke')}
                              <span class="visually-hidden"> {d.name}</span>
                            </button>
                          </Show>
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
