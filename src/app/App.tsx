import { Match, Switch, lazy } from 'solid-js';
import { currentPath } from './router';
import { HomePage } from './routes/home/HomePage';
import { PledgeJourney } from './routes/pledge/PledgeJourney';
import { pledgeSteps, type PledgeStep } from './routes/pledge/steps';
import { PrivacyPage } from './routes/privacy/PrivacyPage';
import { StatusPage } from './routes/status/StatusPage';
import { Layout } from './ui/Layout';
import { NotFound } from './ui/NotFound';
import { EnrolPage } from './routes/enrol/EnrolPage';
import { WallPage } from './routes/wall/WallPage';

// The staff console is its own chunk: it adds nothing to what residents download.
const AdminApp = lazy(() => import('./routes/admin/AdminApp'));

function pledgeStep(path: string): PledgeStep | undefined {
  if (path === '/pledge' || path === '/pledge/') return 'read';
  const step = path.match(/^\/pledge\/([a-z]+)\/?$/)?.[1];
  return step === 'done' || (pledgeSteps as readonly string[]).includes(step ?? '') ? (step as PledgeStep) : undefined;
}

export function App() {
  return (
    <Layout>
      <Switch fallback={<NotFound />}>
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
        <Match when={currentPath() === '/enrol'}>
          <EnrolPage />
        </Match>
        <Match when={currentPath() === '/admin' || currentPath().startsWith('/admin/')}>
          <AdminApp path={currentPath()} />
        </Match>
      </Switch>
    </Layout>
  );
}
