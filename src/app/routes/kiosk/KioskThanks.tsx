import { createSignal, onCleanup, onMount } from 'solid-js';
import { formatNumber, t } from '../../i18n';
import { KIOSK_TIMING } from './idle';
import { resetKiosk } from './reset';

/** Thank-you, then the kiosk is ready for the next person by itself within 10 seconds. */
export function KioskThanks() {
  const [left, setLeft] = createSignal(Math.round(KIOSK_TIMING.thanksMs / 1000));
  onMount(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((KIOSK_TIMING.thanksMs - (Date.now() - started)) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        void resetKiosk();
      }
    }, 250);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <div class="kiosk">
      <div class="panel-confirmation">
        <h1>{t('kiosk.thanks.title')}</h1>
        <p>{t('kiosk.thanks.text')}</p>
      </div>
      <p>{t('kiosk.thanks.next', { count: left(), formatted: formatNumber(left()) })}</p>
      <div class="actions">
        <button type="button" class="button kiosk-button kiosk-button--big" onClick={() => void resetKiosk()}>
          {t('kiosk.thanks.done')}
        </button>
      </div>
    </div>
  );
}
