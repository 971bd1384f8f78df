import { ErrorBoundary, Match, Show, Switch, createEffect, lazy } from 'solid-js';
import { loadSections, t } from './i18n';
import type { DeferredSection } from './i18n/sections';
import { currentPath, navigate } from './router';
import { kioskLock, kioskRedirect } from './routes/kiosk/lock';
import { HomePage } from './routes/home/HomePage';
import { PledgeJourney } from './routes/pledge/PledgeJourney';
import { pledgeSteps, type PledgeStep } from './routes/pledge/steps';
import { Layout } from './ui/Layout';
import { NotFound } from './ui/NotFound';

// Home and the pledge come with the first download; other pages are their own chunks (precached, so they
// still open offline), each loaded together with the words only it uses. The staff console adds nothing to
// what residents download.
function withWords<T>(sections: DeferredSection[], load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadSections(...sections)]).then(([page]) => page);
}
const StatusPage = lazy(withWords(['status'], () => import('./routes/status/StatusPage').then((m) => ({ default: m.StatusPage }))));
const PrivacyPage = lazy(withWords(['privacy'], () => import('./routes/privacy/PrivacyPage').then((m) => ({ default: m.PrivacyPage }))));
const WallPage = lazy(withWords(['wall'], () => import('./routes/wall/WallPage').then((m) => ({ default: m.WallPage }))));
const EnrolPage = lazy(withWords(['enrol'], () => import('./routes/enrol/EnrolPage').then((m) => ({ default: m.EnrolPage }))));
const YouSaidPage = lazy(withWords(['outcomes'], () => import('./routes/outcomes/YouSaidPage').then((m) => ({ default: m.YouSaidPage }))));
// The console names panel answers with the residents' own words for them.
const AdminApp = lazy(withWords(['panels'], () => import('./routes/admin/AdminApp')));
const ListenPage = lazy(withWords(['listen'], () => import('./routes/listen/ListenPage')));
const KioskPage = lazy(withWords(['kiosk', 'listen'], () => import('./routes/kiosk/KioskPage')));
const KioskShell = lazy(withWords(['kiosk'], () => import('./routes/kiosk/KioskShell')));
const PanelsRoute = lazy(withWords(['panels'], () => import('./routes/panels/PanelsRoute')));
const within = (path: string, base: string) => path === base || path.startsWith(`${base}/`);
const ReportTranslationPage = lazy(
  withWords(['translationReport'], () => import('./routes/translation/ReportTranslationPage').then((m) => ({ default: m.ReportTranslationPage }))),
);

function pledgeStep(path: string): PledgeStep | undefined {
  if (path === '/pledge' || path === '/pledge/') return 'read';
  const step = path.match(/^\/pledge\/([a-z]+)\/?$/)?.[1];
  return step === 'done' || (pledgeSteps as readonly string[]).includes(step ?? '') ? (step as PledgeStep) : undefined;
}

export function App() {
  // A tablet locked in kiosk mode shows only the kiosk and the activities the worker allowed: anything else
  // (a link, the back button, an address typed) goes back to the kiosk, and is never shown meanwhile.
  const kioskElsewhere = () => kioskRedirect(currentPath(), kioskLock());
  createEffect(() => {
    const to = kioskElsewhere();
    if (to) navigate(to, { replace: true });
  });
  return (
    <Layout>
      <Show when={kioskLock()}>
        <KioskShell />
      </Show>
      <Switch fallback={<NotFound />}>
        <Match when={kioskElsewhere()}>{null}</Match>
        <Match when={currentPath() === '/'}>
          <HomePage />
        </Match>
        <Match when={pledgeStep(currentPath())}>{(step) => <PledgeJourney step={step()} />}</Match>
        <Match when={currentPath() === '/status'}>
          <StatusPage />
        </Match>
        <Match when={currentPath() === '/privacy'}>
          <PrivacyPage />
        </Match>
        <Match when={currentPath() === '/wall'}>
          <WallPage />
        </Match>
        <Match when={currentPath() === '/you-said'}>
          <YouSaidPage />
        </Match>
        <Match when={currentPath() === '/enrol'}>
          <EnrolPage />
        </Match>
        <Match when={within(currentPath(), '/panels')}>
          <PanelsRoute path={currentPath()} />
        </Match>
        <Match when={within(currentPath(), '/listen')}>
          <ListenPage path={currentPath()} />
        </Match>
        <Match when={within(currentPath(), '/kiosk')}>
          <KioskPage path={currentPath()} />
        </Match>
        <Match when={currentPath() === '/report-translation'}>
          <ReportTranslationPage />
        </Match>
        <Match when={currentPath() === '/admin' || currentPath().startsWith('/admin/')}>
          {/* Not precached (residents' phones need not carry it): offline, its code may not be there. */}
          <ErrorBoundary
            fallback={
              <>
                <h1>{t('adminOffline.title')}</h1>
                <p>{t('adminOffline.text')}</p>
              </>
            }
          >
            <AdminApp path={currentPath()} />
          </ErrorBoundary>
        </Match>
      </Switch>
    </Layout>
  );
}
