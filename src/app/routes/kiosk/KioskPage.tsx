import { Match, Show, Switch, createResource } from 'solid-js';
import { db } from '../../appState';
import { deviceEnrolment, hasDevicePin } from '../../data/device';
import { t } from '../../i18n';
import { KioskFeedback } from './KioskFeedback';
import { KioskLeave } from './KioskLeave';
import { KioskSetup } from './KioskSetup';
import { KioskStart } from './KioskStart';
import { KioskThanks } from './KioskThanks';
import { kioskLock } from './lock';
import './kiosk.css';

/**
 * Kiosk mode ("hand to a resident"): the worker chooses what a resident may do and locks the tablet; the
 * resident then sees big buttons, the languages up front, and no way out without the device PIN.
 */
export function KioskPage(props: { path: string }) {
  const path = () => props.path.replace(/\/$/, '');
  return (
    <Show when={kioskLock()} fallback={<Unlocked />}>
      <Switch fallback={<KioskStart />}>
        <Match when={path() === '/kiosk/feedback'}>
          <KioskFeedback />
        </Match>
        <Match when={path() === '/kiosk/thanks'}>
          <KioskThanks />
        </Match>
        <Match when={path() === '/kiosk/leave'}>
          <KioskLeave />
        </Match>
      </Switch>
    </Show>
  );
}

/** Before locking: only an enrolled tablet with a PIN can be locked (the PIN is the way out). */
function Unlocked() {
  const [ready] = createResource(async () => ({ enrolled: (await deviceEnrolment(db)) !== undefined, pin: await hasDevicePin(db) }));
  return (
    <Show when={ready()}>
      {(r) => (
        <Show
          when={r().enrolled && r().pin}
          fallback={
            <>
              <h1>{t('kiosk.setup.title')}</h1>
              <p>{t('kiosk.setup.notEnrolled')}</p>
              <p>
                <a href="/enrol">{t('listen.enrolLink')}</a>
              </p>
            </>
          }
        >
          <KioskSetup />
        </Show>
      )}
    </Show>
  );
}

export default KioskPage;
