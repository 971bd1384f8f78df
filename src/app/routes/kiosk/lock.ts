import { createSignal } from 'solid-js';

/**
 * Whether this tablet is locked into kiosk mode, and what a resident may do on it. Kept in localStorage so
 * that it is known before the first render (no flash of the site's navigation) and survives a reload: a
 * resident cannot leave kiosk mode by reloading. Only ids and the event's title are kept, nothing a
 * resident typed. Loaded with the first page (the layout needs it), so it stays this small.
 */
export type KioskActivity = 'feedback' | 'pledge' | 'panel';

export interface KioskLock {
  activities: KioskActivity[];
  /** The event feedback is recorded for (required when 'feedback' is offered). */
  eventId?: string;
  eventTitle?: string;
  /** The language the kiosk returns to for the next person. */
  language: string;
  lockedAt: string;
}

const KEY = 'mv-kiosk';

function read(): KioskLock | undefined {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<KioskLock>) : undefined;
    return parsed && Array.isArray(parsed.activities) && typeof parsed.language === 'string' ? (parsed as KioskLock) : undefined;
  } catch {
    return undefined;
  }
}

const [lock, setLock] = createSignal<KioskLock | undefined>(read());
export const kioskLock = lock;

export function lockKiosk(settings: KioskLock): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage blocked: locked for this page only.
  }
  setLock(settings);
}

export function unlockKiosk(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
  setLock(undefined);
}

/** Where each activity starts. The panel sign-up keeps its draft in memory, per journey, in kiosk mode. */
export const kioskActivityPaths: Record<KioskActivity, string | undefined> = {
  feedback: '/kiosk/feedback',
  pledge: '/pledge',
  panel: '/panels',
};

export const kioskActivityAvailable = (activity: KioskActivity) => kioskActivityPaths[activity] !== undefined;

const within = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/**
 * Where a locked kiosk sends a page it must not show: the kiosk's own thank-you instead of the pledge's
 * confirmation (which would show its reference to the next person), the kiosk's start for anything that is
 * not one of its activities. Undefined: the page may be shown.
 */
export function kioskRedirect(path: string, lock: KioskLock | undefined): string | undefined {
  if (!lock) return undefined;
  // The feedback form only where the worker offered it, with its event: never a form that cannot be sent.
  if (within(path, '/kiosk/feedback')) return lock.activities.includes('feedback') && lock.eventId ? undefined : '/kiosk';
  if (within(path, '/kiosk')) return undefined;
  if (path === '/privacy') return undefined; // linked from the pledge's email question
  if (path === '/pledge/done' || path === '/pledge/done/') return lock.activities.includes('pledge') ? '/kiosk/thanks' : '/kiosk';
  for (const activity of lock.activities) {
    const start = kioskActivityPaths[activity];
    if (start && within(path, start)) return undefined;
  }
  return '/kiosk';
}
