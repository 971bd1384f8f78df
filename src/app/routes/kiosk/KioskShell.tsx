import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { currentPath } from '../../router';
import { formatNumber, t } from '../../i18n';
import { announcedSeconds, createIdleWatch, type IdleState } from './idle';
import { resetKiosk } from './reset';
import './kiosk.css';

/** Screens where there is nothing to lose, so no idle timer: the start screen and the thank-you (which resets itself). */
const restful = (path: string) => path === '/kiosk' || path === '/kiosk/' || path === '/kiosk/thanks';

/**
 * Runs on every screen while the tablet is locked in kiosk mode: after 70 s without a touch it warns and
 * counts down (WCAG 2.2.1: "I need more time" extends it); at 90 s it resets, discarding the entry.
 */
export function KioskShell() {
  const [state, setState] = createSignal<IdleState>({ phase: 'active' });
  const [announced, setAnnounced] = createSignal('');
  let dialog: HTMLDialogElement | undefined;
  let watch = newWatch();

  function newWatch() {
    return createIdleWatch({
      onChange: (s) => {
        setState(s);
        if (s.phase === 'warning' && announcedSeconds(s.secondsLeft)) setAnnounced(t('kiosk.idle.announce', { count: s.secondsLeft, formatted: formatNumber(s.secondsLeft) }));
        if (s.phase === 'warning' && dialog && !dialog.open) dialog.showModal();
        if (s.phase !== 'warning' && dialog?.open) dialog.close();
      },
      onExpire: () => {
        void resetKiosk();
        watch = newWatch();
      },
    });
  }

  const activity = () => watch.activity();
  onMount(() => {
    const events = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
    for (const e of events) document.addEventListener(e, activity, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (restful(currentPath())) watch.activity();
      else watch.tick();
    }, 1000);
    onCleanup(() => {
      clearInterval(timer);
      for (const e of events) document.removeEventListener(e, activity, { capture: true });
    });
  });

  const secondsLeft = () => {
    const s = state();
    return s.phase === 'warning' ? s.secondsLeft : 0;
  };

  return (
    <>
      {/* The privacy notice opens from the pledge's email question: with no browser bar, the way back is here. */}
      <Show when={currentPath() === '/privacy'}>
        <button type="button" class="back-link kiosk-back" onClick={() => history.back()}>
          {t('form.back')}
        </button>
      </Show>
      <dialog ref={dialog} class="kiosk-idle" aria-labelledby="kiosk-idle-title" aria-describedby="kiosk-idle-text" onCancel={(e) => { e.preventDefault(); activity(); }}>
        <h2 id="kiosk-idle-title">{t('kiosk.idle.title')}</h2>
        <p id="kiosk-idle-text">
          {t('kiosk.idle.text', { count: secondsLeft(), formatted: formatNumber(secondsLeft()) })}
        </p>
        <div class="actions">
          <button type="button" class="button kiosk-button" onClick={activity}>
            {t('kiosk.idle.moreTime')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => void resetKiosk()}>
            {t('kiosk.idle.finish')}
          </button>
        </div>
      </dialog>
      <p class="visually-hidden" aria-live="polite">
        <Show when={state().phase === 'warning'}>{announced()}</Show>
      </p>
    </>
  );
}

export default KioskShell;
