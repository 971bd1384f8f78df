import { Match, Show, Switch, createResource } from 'solid-js';
import { db } from '../../appState';
import { deviceEnrolment } from '../../data/device';
import { t } from '../../i18n';
import { CaptureScreen } from './CaptureScreen';
import { EventChooser } from './EventChooser';
import { PopUpEventForm } from './PopUpEventForm';
import './listen.css';

/**
 * Worker mode, on enrolled outreach tablets only: choose an event (or start a pop-up one offline), then
 * record what people say, point by point, and how many took part.
 */
export function ListenPage(props: { path: string }) {
  const [enrolment] = createResource(() => deviceEnrolment(db));
  return (
    <Show when={!enrolment.loading}>
      <Show
        when={enrolment()}
        fallback={
          <>
            <h1>{t('listen.title')}</h1>
            <p>{t('listen.notEnrolled')}</p>
            <p>
              <a href="/enrol">{t('listen.enrolLink')}</a>
            </p>
          </>
        }
      >
        <Switch fallback={<EventChooser />}>
          <Match when={props.path === '/listen/new'}>
            <PopUpEventForm />
          </Match>
          <Match when={props.path === '/listen/record'}>
            <CaptureScreen />
          </Match>
        </Switch>
      </Show>
    </Show>
  );
}

export default ListenPage;
