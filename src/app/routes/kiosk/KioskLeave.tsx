import { createSignal } from 'solid-js';
import { db } from '../../appState';
import { checkDevicePin } from '../../data/device';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { ErrorSummary, TextField } from '../../ui/form';
import { resetDraft } from '../pledge/draft';
import { unlockKiosk } from './lock';

const MAX_TRIES = 5;
const PAUSE_MS = 30_000;

/** Leaving kiosk mode takes the device PIN; after a few wrong ones, a pause. */
export function KioskLeave() {
  const [pin, setPin] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  let tries = 0;
  let pausedUntil = 0;

  const leave = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (Date.now() < pausedUntil) return setError(t('kiosk.leave.paused'));
    if (pin() === '') return setError(t('kiosk.leave.required'));
    setBusy(true);
    try {
      if (await checkDevicePin(db, pin())) {
        resetDraft();
        unlockKiosk();
        navigate('/listen', { replace: true });
        return;
      }
      tries += 1;
      setPin('');
      if (tries >= MAX_TRIES) {
        tries = 0;
        pausedUntil = Date.now() + PAUSE_MS;
        setError(t('kiosk.leave.paused'));
      } else setError(t('kiosk.leave.wrong'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="kiosk">
      <a class="back-link" href="/kiosk">
        {t('kiosk.leave.back')}
      </a>
      <h1>{t('kiosk.leave.title')}</h1>
      <p>{t('kiosk.leave.intro')}</p>
      <ErrorSummary errors={error() ? [{ field: 'pin', message: error() ?? '' }] : []} />
      <form novalidate onSubmit={leave}>
        <TextField name="pin" type="password" inputmode="numeric" autocomplete="off" label={t('kiosk.leave.pin')} error={error()} value={pin()} onInput={setPin} />
        <div class="actions">
          <button type="submit" class="button" disabled={busy()}>
            {t('kiosk.leave.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
