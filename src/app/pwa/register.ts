import { createSignal } from 'solid-js';
import type { Workbox } from 'workbox-window';

/**
 * Service-worker registration with an update prompt. A waiting new version takes over only when the person
 * says so; unsent records live in IndexedDB, which an update never touches, so nothing is lost by updating.
 */
const [updateReady, setUpdateReady] = createSignal(false);
export { updateReady };
let workbox: Workbox | undefined;

/** Called after the first render: workbox-window is loaded then, not before the first page is usable. */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox('/sw.js', { scope: '/', type: 'classic' });
  workbox.addEventListener('waiting', () => setUpdateReady(true));
  void workbox.register();
  // Look for a new version now and then while the app stays open all day at an event.
  setInterval(() => void workbox?.update(), 60 * 60_000);
}

/** Switch to the waiting version and reload into it. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
