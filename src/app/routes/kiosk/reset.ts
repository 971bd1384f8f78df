import { profile } from '../../appState';
import { language, setLanguage } from '../../i18n';
import { navigate } from '../../router';
import { resetDraft } from '../pledge/draft';
import { kioskLock } from './lock';

/**
 * Ready the kiosk for the next person: the pledge's draft emptied, the kiosk's start screen (so any form
 * in progress is unmounted, and its state with it), and the language the worker locked it in.
 */
export async function resetKiosk(): Promise<void> {
  resetDraft();
  navigate('/kiosk', { replace: true });
  const lock = kioskLock();
  if (lock && lock.language !== language()) await setLanguage(lock.language, profile().languages);
}
