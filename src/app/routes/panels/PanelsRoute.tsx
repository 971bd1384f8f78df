import { Match, Switch } from 'solid-js';
import { kioskLock } from '../kiosk/lock';
import { PanelsPage } from './PanelsPage';
import { SignupJourney } from './SignupJourney';
import { stepOfPath } from './steps';
import './panels.css';

/** /panels (the open panels) and /panels/join/... (the sign-up journey): one lazy chunk. */
export default function PanelsRoute(props: { path: string }) {
  const path = () => props.path.replace(/\/$/, '') || '/';
  return (
    <Switch>
      <Match when={path() === '/panels'}>
        <PanelsPage />
      </Match>
      <Match when={stepOfPath(path())}>{(step) => <SignupJourney step={step()} kiosk={kioskLock() !== undefined} />}</Match>
    </Switch>
  );
}
