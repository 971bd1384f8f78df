import { Match, Show, Switch, createEffect, createSignal, on, onMount } from 'solid-js';
import { PASSWORD_MIN, SetupRequest, type StaffRole } from '../../../core/staff';
import { check } from '../../../core/validation';
import { ErrorSummary, TextField } from '../../ui/form';
import { navigate } from '../../router';
import { api } from './api';
import { at } from './i18n';
import { setMe, type Me } from './session';
import { Loading, PasswordField, ProblemBox, createErrors, settleFocus } from './ui';

const labels: Record<string, string> = { email: 'admin.setup.email', password: 'admin.setup.password' };

/**
 * A one-time link (/admin/setup#TOKEN) creates an account: the first admin, or someone an admin invited.
 * The token stays in the fragment, so it is never sent to the server in a page request or a Referer.
 */
export function SetupPage() {
  const token = location.hash.slice(1);
  const [state, setState] = createSignal<'checking' | 'ready' | 'invalid' | 'problem'>('checking');
  const [invite, setInvite] = createSignal<{ email: string | null; role: StaffRole }>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const errors = createErrors((field) => at(labels[field] ?? field), () => ({ min: PASSWORD_MIN }));

  const look = async () => {
    setProblem(undefined);
    if (!token) return setState('invalid');
    const answer = await api<{ email: string | null; role: StaffRole }>('GET', `/setup/${encodeURIComponent(token)}`);
    if (answer.ok) {
      setInvite(answer.data);
      setState('ready');
    } else if (answer.error === 'link-invalid' || answer.status === 404) setState('invalid');
    else {
      setProblem(answer.error);
      setState('problem');
    }
  };
  onMount(() => void look());
  // A link found to be unusable replaces the page's heading: put focus on the new one.
  createEffect(on(() => state() === 'invalid', (invalid) => invalid && settleFocus(), { defer: true }));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const fixed = invite()?.email;
    const body = check(SetupRequest, { token, password: password(), ...(fixed ? {} : { email: email() }) });
    if (!body.ok) return errors.set(body.errors, fixed ? 'password' : 'email');
    if (!fixed && !body.value.email) return errors.setOne('email', () => at('admin.errors.fields.email.required'));
    errors.clear();
    setProblem(undefined);
    setBusy(true);
    const answer = await api<{ user: Me }>('POST', '/setup', body.value);
    setBusy(false);
    if (answer.ok) {
      setMe(answer.data.user);
      navigate('/admin', { replace: true });
      return;
    }
    if (answer.error === 'link-invalid') return setState('invalid');
    if (answer.error === 'already-exists') return errors.setOne(fixed ? 'password' : 'email', () => at('admin.setup.exists'));
    if (answer.fields) return errors.set(answer.fields, 'password');
    setProblem(answer.error);
  };

  return (
    <Switch>
      <Match when={state() === 'invalid'}>
        <h1>{at('admin.setup.invalidTitle')}</h1>
        <div class="error-summary" role="alert">
          <p class="problem-text">{at('admin.errors.link-invalid')}</p>
        </div>
        <p>{at('admin.setup.invalidHelp')}</p>
        <p>
          <a href="/admin/sign-in">{at('admin.setup.toSignIn')}</a>
        </p>
      </Match>
      <Match when={true}>
        <h1>{at('admin.setup.title')}</h1>
        <ProblemBox code={problem()} />
        <Show when={state() === 'problem'}>
          <button type="button" class="button button--secondary" onClick={() => void look()}>
            {at('admin.form.tryAgain')}
          </button>
        </Show>
        <Show when={state() === 'checking'}>
          <Loading />
        </Show>
        <Show when={state() === 'ready' && invite()}>
          {(inv) => (
            <>
              <p class="lead">{at('admin.setup.intro', { role: at(`admin.roles.${inv().role}`) })}</p>
              <p>{at(`admin.roles.${inv().role}Explained`)}</p>
              <ErrorSummary errors={errors.summary()} />
              <form novalidate onSubmit={(e) => void submit(e)} class="narrow-form">
                <Show
                  when={!inv().email}
                  fallback={
                    <dl class="summary-list">
                      <div class="summary-list__row summary-list__row--two">
                        <dt>{at('admin.setup.email')}</dt>
                        <dd>
                          <bdi>{inv().email}</bdi>
                        </dd>
                      </div>
                    </dl>
                  }
                >
                  <TextField
                    name="email"
                    type="email"
                    label={at('admin.setup.email')}
                    hint={at('admin.setup.emailHint')}
                    error={errors.errorFor('email')}
                    value={email()}
                    autocomplete="username"
                    onInput={setEmail}
                  />
                </Show>
                <PasswordField
                  name="password"
                  label={at('admin.setup.password')}
                  hint={at('admin.setup.passwordHint', { min: PASSWORD_MIN })}
                  error={errors.errorFor('password')}
                  value={password()}
                  autocomplete="new-password"
                  onInput={setPassword}
                />
                <button type="submit" class="button" disabled={busy()}>
                  {at('admin.setup.submit')}
                </button>
              </form>
            </>
          )}
        </Show>
      </Match>
    </Switch>
  );
}
