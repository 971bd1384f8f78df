/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { database } from '../app/data/db';
import { drainOutbox } from '../app/sync/engine';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The shell, every language chunk and the icons: after one visit the whole app works with no network.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page path opens the app shell, but the API and health check always go to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/healthz/] }));

// The page asks before a new version takes over (an update prompt), never on its own.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// Background Sync, where the browser has it: drain the same outbox even when no page is open.
self.addEventListener('sync', (event) => {
  const e = event as SyncEvent;
  if (e.tag !== 'many-voices-outbox') return;
  e.waitUntil(
    drainOutbox({ db: database(), fetch: (...args) => fetch(...args) }).then((outcome) => {
      // Rejecting asks the browser to fire the event again later, with its own backoff.
      if (outcome.status === 'waiting') throw new Error('sync incomplete; retry later');
    }),
  );
});
