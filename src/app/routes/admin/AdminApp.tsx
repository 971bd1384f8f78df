import { For, Match, Show, Switch, createEffect, createSignal, on, onCleanup, onMount } from 'solid-js';
import { language } from '../../i18n';
import { currentPath, navigate } from '../../router';
import '../../ui/admin.css';
import { AccountPage } from './AccountPage';
import { whenSignedOut } from './api';
import { AuditPage } from './AuditPage';
import { DevicesPage } from './DevicesPage';
import { EventsPage } from './EventsPage';
import { ExportsPage } from './ExportsPage';
import { HeldFeedbackPage } from './HeldFeedbackPage';
import { at, loadAdminStrings, problemText, stringsVersion } from './i18n';
import { LanguagesPage } from './LanguagesPage';
import { ListeningReportPage } from './ListeningReportPage';
import { ModerationPage } from './ModerationPage';
import { OutcomesPage } from './OutcomesPage';
import { OverviewPage } from './OverviewPage';
import { RightsPage } from './RightsPage';
import { loadMe, me, pageAt, pagesFor, setMe, type Me } from './session';
import { MissingPage } from './panels/MissingPage';
import { PanelsRoutes } from './panels/PanelsRoutes';
import { ReferencePage } from './panels/ReferencePage';
import { SetupPage } from './SetupPage';
import { SignInPage } from './SignInPage';
import { UsersPage } from './UsersPage';
import { Loading, settleFocus } from './ui';

/**
 * The staff console: loaded only when a staff member opens /admin (see App.tsx), with its own strings and
 * styles. It needs a connection: nothing here is kept on the device.
 */
export default function AdminApp(props: { path: string }) {
  const [ready, setReady] = createSignal(false);
  createEffect(
    on(language, (code) => {
      // If a strings chunk cannot load, show the console anyway (English, or the keys) rather than nothing.
      void loadAdminStrings(code)
        .catch(() => undefined)
        .then(() => setReady(true));
    }),
  );

  const [online, setOnline] = createSignal(navigator.onLine);
  onMount(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    onCleanup(() => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    });
  });

  // A session that ends (idle, signed out elsewhere, role changed) sends the person to sign in, then back.
  whenSignedOut(() => {
    setMe(null);
    const here = currentPath();
    if (here !== '/admin/sign-in' && here !== '/admin/setup') navigate(`/admin/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
  });

  const path = () => props.path.replace(/\/+$/, '') || '/admin';

  // The page's heading can arrive after the router moved focus (strings, session): settle it then.
  createEffect(on([path, ready, me, online, stringsVersion], () => settleFocus()));

  return (
    <div class="admin">
      <Show when={ready()} fallback={<p class="loading">…</p>}>
        <div role="status" class="status-region">
          <Show when={!online()}>
            <div class="notice notice--warning offline-banner">
              <p>{at('admin.offline.banner')}</p>
            </div>
          </Show>
        </div>
        <Switch>
          <Match when={path() === '/admin/setup'}>
            <SetupPage />
          </Match>
          <Match when={path() === '/admin/sign-in'}>
            <SignInPage />
          </Match>
          <Match when={true}>
            <SignedIn path={path()} online={online()} />
          </Match>
        </Switch>
      </Show>
    </div>
  );
}

function SignedIn(props: { path: string; online: boolean }) {
  const [failed, setFailed] = createSignal<string>();
  const ask = async () => {
    setFailed(undefined);
    const answer = await loadMe();
    if (!answer.ok && answer.status !== 401) setFailed(answer.error);
  };
  onMount(() => {
    if (!me()) void ask();
  });
  createEffect(on(failed, () => settleFocus(), { defer: true }));
  // Back online after a failed start: try again by itself.
  createEffect(
    on(
      () => props.online,
      (online) => {
        if (online && failed()) void ask();
      },
      { defer: true },
    ),
  );

  return (
    <Switch fallback={<Loading />}>
      <Match when={failed()}>{(code) => <CannotLoad code={code()} retry={() => void ask()} />}</Match>
      <Match when={me()}>{(user) => <Console user={user()} path={props.path} />}</Match>
    </Switch>
  );
}

function Console(props: { user: Me; path: string }) {
  const page = () => pageAt(props.path);
  const allowed = () => page()?.roles.includes(props.user.role) ?? false;
  return (
    <>
      <AdminNav user={props.user} path={props.path} />
      <Switch fallback={<AdminNotFound />}>
        <Match when={page() && !allowed()}>
          <Forbidden />
        </Match>
        <Match when={page()?.key === 'overview'}>
          <OverviewPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'moderation'}>
          <ModerationPage />
        </Match>
        <Match when={page()?.key === 'devices'}>
          <DevicesPage />
        </Match>
        <Match when={page()?.key === 'users'}>
          <UsersPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'audit'}>
          <AuditPage />
        </Match>
        <Match when={page()?.key === 'exports'}>
          <ExportsPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'rights'}>
          <RightsPage />
        </Match>
        <Match when={page()?.key === 'events'}>
          <EventsPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'listening'}>
          <ListeningReportPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'held'}>
          <HeldFeedbackPage />
        </Match>
        <Match when={page()?.key === 'outcomes'}>
          <OutcomesPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'languages'}>
          <LanguagesPage />
        </Match>
        <Match when={page()?.key === 'panels'}>
          <PanelsRoutes path={props.path} />
        </Match>
        <Match when={page()?.key === 'missing'}>
          <MissingPage user={props.user} />
        </Match>
        <Match when={page()?.key === 'reference'}>
          <ReferencePage />
        </Match>
        <Match when={page()?.key === 'account'}>
          <AccountPage user={props.user} />
        </Match>
      </Switch>
    </>
  );
}

/** Only the pages this role may use. */
function AdminNav(props: { user: Me; path: string }) {
  const label = (key: string) => at(key === 'overview' && props.user.role === 'coordinator' ? 'admin.nav.welcome' : `admin.nav.${key}`);
  return (
    <div class="admin-bar">
      <p class="admin-bar__who">
        {at('admin.nav.signedInAs', { role: at(`admin.roles.${props.user.role}`) })} <bdi>{props.user.email}</bdi>
      </p>
      <nav class="admin-nav" aria-label={at('admin.nav.label')}>
        <ul>
          <For each={pagesFor(props.user.role)}>
            {(p) => (
              <li>
                <a href={p.path} aria-current={props.path === p.path ? 'page' : undefined}>
                  {label(p.key)}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
    </div>
  );
}

function CannotLoad(props: { code: string; retry: () => void }) {
  return (
    <>
      <h1>{at(props.code === 'offline' ? 'admin.offline.title' : 'admin.cannotLoad.title')}</h1>
      <p>{props.code === 'offline' ? at('admin.offline.text') : problemText(props.code)}</p>
      <button type="button" class="button" onClick={() => props.retry()}>
        {at('admin.form.tryAgain')}
      </button>
    </>
  );
}

function Forbidden() {
  return (
    <>
      <h1>{at('admin.forbidden.title')}</h1>
      <p>{at('admin.forbidden.text')}</p>
      <p>
        <a href="/admin">{at('admin.forbidden.back')}</a>
      </p>
    </>
  );
}

function AdminNotFound() {
  return (
    <>
      <h1>{at('admin.notFound.title')}</h1>
      <p>
        <a href="/admin">{at('admin.forbidden.back')}</a>
      </p>
    </>
  );
}
