import { Show, createEffect, createSignal } from 'solid-js';
import { TotpCode } from '../../../core/staff';
import { check } from '../../../core/validation';
import { ErrorSummary } from '../../ui/form';
import { navigate } from '../../router';
import { api } from './api';
import { at } from './i18n';
import { setMe, type Me } from './session';
import { InputField, ProblemBox, QrImage, SuccessBox, createErrors } from './ui';

/** The secret in groups of four, as authenticator apps show and people type it. */
export const groupSecret = (secret: string) => secret.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();

/** Your own account: two-step sign-in, and signing out here or everywhere. */
export function AccountPage(props: { user: Me }) {
  const [setup, setSetup] = createSignal<{ secret: string; qrSvg: string }>();
  const [code, setCode] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors(() => at('admin.account.code'));
  let setupHeading: HTMLHeadingElement | undefined;

  createEffect(() => {
    if (setup()) queueMicrotask(() => setupHeading?.focus());
  });

  const startSetup = async () => {
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ secret: string; uri: string }>('POST', '/totp/setup', {});
    if (!answer.ok) {
      setBusy(false);
      return setProblem(answer.error);
    }
    // The QR code is drawn here, in the browser: the secret goes nowhere else. (Loaded only when needed.)
    const { renderSVG } = await import('uqr');
    setBusy(false);
    setSetup({ secret: answer.data.secret, qrSvg: renderSVG(answer.data.uri, { border: 2 }) });
  };

  const enable = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = check(TotpCode, { code: code().replace(/\s+/g, '') });
    if (!body.ok) return errors.set(body.errors, 'code');
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ ok: true }>('POST', '/totp/enable', body.value);
    setBusy(false);
    if (!answer.ok) {
      if (answer.error === 'invalid-totp') errors.setOne('code', () => at('admin.errors.invalid-totp'));
      else if (answer.fields) errors.set(answer.fields, 'code');
      else setProblem(answer.error);
      return;
    }
    setSetup(undefined);
    setCode('');
    setMe({ ...props.user, totpEnabled: true });
    setDone(at('admin.account.totpOn'));
  };

  const signOut = async (everywhere: boolean) => {
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ ok: true }>('POST', everywhere ? '/logout-everywhere' : '/logout', {});
    setBusy(false);
    // Signing out everywhere also ends this session: either way, this browser is now signed out.
    if (!answer.ok && answer.error !== 'unauthenticated') return setProblem(answer.error);
    if (everywhere) await api('POST', '/logout', {});
    setMe(null);
    navigate(`/admin/sign-in?signed-out=${everywhere ? 'everywhere' : 'here'}`);
  };

  return (
    <>
      <h1>{at('admin.account.title')}</h1>
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <dl class="summary-list">
        <div class="summary-list__row summary-list__row--two">
          <dt>{at('admin.account.email')}</dt>
          <dd>
            <bdi>{props.user.email}</bdi>
          </dd>
        </div>
        <div class="summary-list__row summary-list__row--two">
          <dt>{at('admin.account.role')}</dt>
          <dd>
            {at(`admin.roles.${props.user.role}`)}
            <span class="hint hint--block">{at(`admin.roles.${props.user.role}Explained`)}</span>
          </dd>
        </div>
        <div class="summary-list__row summary-list__row--two">
          <dt>{at('admin.account.twoStep')}</dt>
          <dd>{at(props.user.totpEnabled ? 'admin.users.on' : 'admin.users.off')}</dd>
        </div>
      </dl>

      <section class="card" aria-labelledby="totp-title">
        <h2 id="totp-title">{at('admin.account.totpTitle')}</h2>
        <Show when={!props.user.totpEnabled} fallback={<p>{at('admin.account.totpIsOn')}</p>}>
          <p>{at('admin.account.totpIntro')}</p>
          <Show
            when={setup()}
            fallback={
              <button type="button" class="button" disabled={busy()} onClick={() => void startSetup()}>
                {at('admin.account.totpStart')}
              </button>
            }
          >
            {(s) => (
              <div class="totp-setup">
                <h3 tabindex="-1" ref={setupHeading}>
                  {at('admin.account.step1')}
                </h3>
                <QrImage svg={s().qrSvg} alt={at('admin.account.qrAlt')} />
                <h3>{at('admin.account.step2')}</h3>
                <p>{at('admin.account.keyIntro')}</p>
                <p>
                  <code class="secret" dir="ltr">
                    {groupSecret(s().secret)}
                  </code>
                </p>
                <h3>{at('admin.account.step3')}</h3>
                <ErrorSummary errors={errors.summary()} />
                <form novalidate onSubmit={(e) => void enable(e)}>
                  <InputField
                    name="code"
                    label={at('admin.account.code')}
                    hint={at('admin.account.codeHint')}
                    error={errors.errorFor('code')}
                    value={code()}
                    onInput={setCode}
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxLength={7}
                    width="code"
                    ltr
                  />
                  <button type="submit" class="button" disabled={busy()}>
                    {at('admin.account.totpEnable')}
                  </button>
                </form>
              </div>
            )}
          </Show>
        </Show>
      </section>

      <section class="card" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">{at('admin.account.signOutTitle')}</h2>
        <p>{at('admin.account.signOutIntro')}</p>
        <div class="actions actions--tight">
          <button type="button" class="button button--secondary" disabled={busy()} onClick={() => void signOut(false)}>
            {at('admin.account.signOut')}
          </button>
          <button type="button" class="button button--secondary" disabled={busy()} onClick={() => void signOut(true)}>
            {at('admin.account.signOutEverywhere')}
          </button>
        </div>
      </section>
    </>
  );
}
