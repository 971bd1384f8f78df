import { Show, createEffect, createSignal } from 'solid-js';
import { LoginRequest } from '../../../core/staff';
import { check } from '../../../core/validation';
import { ErrorSummary, TextField, fieldId } from '../../ui/form';
import { navigate } from '../../router';
import { api } from './api';
import { at } from './i18n';
import { safeNext, setMe, type Me } from './session';
import { InputField, PasswordField, ProblemBox, SuccessBox, createErrors } from './ui';

const labels: Record<string, string> = { email: 'admin.signIn.email', password: 'admin.signIn.password', totp: 'admin.signIn.code' };
const minutes = (seconds: number | undefined) => Math.max(1, Math.ceil((seconds ?? 60) / 60));

/** Email and password, then the authenticator code when the account has two-step sign-in on. */
export function SignInPage() {
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'));
  const signedOut = params.get('signed-out');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [code, setCode] = createSignal('');
  const [needsCode, setNeedsCode] = createSignal(false);
  const [problem, setProblem] = createSignal<{ code: string; minutes: number }>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors((field) => at(labels[field] ?? field));

  createEffect(() => {
    if (needsCode()) queueMicrotask(() => document.getElementById(fieldId('totp'))?.focus());
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setProblem(undefined);
    const body = check(LoginRequest, { email: email(), password: password(), ...(needsCode() ? { totp: code().replace(/\s+/g, '') } : {}) });
    if (!body.ok) return errors.set(body.errors, 'email');
    if (needsCode() && !body.value.totp) return errors.setOne('totp', () => at('admin.errors.fields.totp.required'));
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ user: Me }>('POST', '/login', body.value);
    setBusy(false);
    if (answer.ok) {
      setMe(answer.data.user);
      navigate(next, { replace: true });
      return;
    }
    switch (answer.error) {
      case 'totp-required':
        setNeedsCode(true);
        return;
      case 'invalid-credentials':
        setPassword('');
        return errors.setOne('email', () => at('admin.errors.invalid-credentials'));
      case 'invalid-totp':
        setCode('');
        return errors.setOne('totp', () => at('admin.errors.invalid-totp'));
      case 'invalid-fields':
        return errors.set(answer.fields ?? [], 'email');
      default:
        setProblem({ code: answer.error, minutes: minutes(answer.retryAfter) });
    }
  };

  return (
    <>
      <h1>{at('admin.signIn.title')}</h1>
      <SuccessBox message={signedOut ? at(signedOut === 'everywhere' ? 'admin.signIn.signedOutEverywhere' : 'admin.signIn.signedOut') : undefined} />
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()?.code} values={{ minutes: problem()?.minutes ?? 1 }} />
      <form novalidate onSubmit={(e) => void submit(e)} class="narrow-form">
        <TextField name="email" type="email" label={at('admin.signIn.email')} error={errors.errorFor('email')} value={email()} autocomplete="username" onInput={setEmail} />
        <PasswordField name="password" label={at('admin.signIn.password')} error={errors.errorFor('password')} value={password()} autocomplete="current-password" onInput={setPassword} />
        <Show when={needsCode()}>
          <div class="notice" role="status">
            <p>{at('admin.signIn.codeNeeded')}</p>
          </div>
          <InputField
            name="totp"
            label={at('admin.signIn.code')}
            hint={at('admin.signIn.codeHint')}
            error={errors.errorFor('totp')}
            value={code()}
            onInput={setCode}
            inputmode="numeric"
            autocomplete="one-time-code"
            maxLength={7}
            width="code"
            ltr
          />
        </Show>
        <button type="submit" class="button" disabled={busy()}>
          {at('admin.signIn.submit')}
        </button>
      </form>
      <p class="hint">{at('admin.signIn.help')}</p>
    </>
  );
}
