import { Match, Show, Switch, createSignal, onMount } from 'solid-js';
import { DevicePinForm } from '../../../core/staff';
import { check, type FieldError } from '../../../core/validation';
import { db, requestSync } from '../../appState';
import { hasDevicePin, saveEnrolment, setDevicePin } from '../../data/device';
import { t } from '../../i18n';
import { ErrorSummary, TextField, errorText } from '../../ui/form';

type Step = 'start' | 'no-code' | 'pin' | 'done';

/**
 * Enrol an outreach tablet from the one-time link staff created (#code in the address). The code leaves the
 * address bar at once; the device token it is exchanged for stays in this browser's storage only.
 */
export function EnrolPage() {
  const [step, setStep] = createSignal<Step>('start');
  const [code, setCode] = createSignal('');
  const [name, setName] = createSignal('');
  const [problem, setProblem] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [pin, setPin] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [errors, setErrors] = createSignal<FieldError[]>([]);

  onMount(() => {
    const fromLink = location.hash.slice(1);
    if (fromLink) {
      setCode(fromLink);
      history.replaceState(null, '', '/enrol');
    } else setStep('no-code');
  });

  const enrol = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const response = await fetch('/api/v1/devices/enrol', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code() }) });
      const body = (await response.json().catch(() => ({}))) as { deviceId?: string; name?: string; token?: string; error?: string };
      if (!response.ok || !body.token || !body.deviceId) {
        setProblem(t([`enrol.errors.${body.error ?? 'unknown'}`, 'enrol.errors.unknown']));
        return;
      }
      await saveEnrolment(db, { deviceId: body.deviceId, name: body.name ?? '', token: body.token, enrolledAt: new Date().toISOString() });
      setName(body.name ?? '');
      // Records kept while the device was revoked go through now.
      void requestSync('manual');
      setStep((await hasDevicePin(db)) ? 'done' : 'pin');
    } catch {
      setProblem(t('enrol.errors.offline'));
    } finally {
      setBusy(false);
    }
  };

  const savePin = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = check(DevicePinForm, { pin: pin(), repeat: repeat() });
    if (!result.ok) return setErrors(result.errors);
    setErrors([]);
    await setDevicePin(db, result.value.pin);
    setStep('done');
  };

  const label = (field: string) => t(`enrol.pin.${field}`);
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? errorText(e, label(field)) : undefined;
  };

  return (
    <Switch>
      <Match when={step() === 'no-code'}>
        <h1>{t('enrol.title')}</h1>
        <p>{t('enrol.noCode')}</p>
      </Match>
      <Match when={step() === 'start'}>
        <h1>{t('enrol.title')}</h1>
        <p>{t('enrol.intro')}</p>
        <Show when={problem()}>
          <div class="error-summary" role="alert" tabindex="-1">
            <h2>{t('form.errorSummary')}</h2>
            <p>{problem()}</p>
          </div>
        </Show>
        <form onSubmit={enrol}>
          <div class="actions">
            <button type="submit" class="button" disabled={busy()}>
              {t('enrol.button')}
            </button>
          </div>
        </form>
      </Match>
      <Match when={step() === 'pin'}>
        <ErrorSummary errors={errors().map((e) => ({ field: e.field, message: errorFor(e.field) ?? '' }))} />
        <h1>{t('enrol.pin.title')}</h1>
        <p>{t('enrol.pin.intro', { name: name() })}</p>
        <form onSubmit={savePin} novalidate>
          <TextField name="pin" label={label('pin')} hint={t('enrol.pin.hint')} error={errorFor('pin')} value={pin()} onInput={setPin} type="password" inputmode="numeric" autocomplete="new-password" />
          <TextField name="repeat" label={label('repeat')} error={errorFor('repeat')} value={repeat()} onInput={setRepeat} type="password" inputmode="numeric" autocomplete="new-password" />
          <div class="actions">
            <button type="submit" class="button">
              {t('enrol.pin.save')}
            </button>
          </div>
        </form>
      </Match>
      <Match when={step() === 'done'}>
        <div class="panel-confirmation">
          <h1>{t('enrol.done.title')}</h1>
          <p>{t('enrol.done.name', { name: name() })}</p>
        </div>
        <p>{t('enrol.done.text')}</p>
        <p>
          <a href="/" class="button button--secondary">
            {t('pledge.done.home')}
          </a>
        </p>
      </Match>
    </Switch>
  );
}
