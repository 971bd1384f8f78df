import { For, Show, createResource } from 'solid-js';
import { catalog, db } from '../../appState';
import { formatDateTime, t } from '../../i18n';
import { navigate } from '../../router';
import { eventsToChoose, listenMeta, selectEvent } from './fieldEvents';

/** Which event the worker is at: one staff planned (from the catalog) or a pop-up this tablet started. */
export function EventChooser() {
  const [meta] = createResource(() => listenMeta(db));
  const events = () => eventsToChoose(catalog().events ?? [], meta()?.popUps ?? []);
  const choose = async (id: string) => {
    await selectEvent(db, id);
    navigate('/listen/record');
  };
  return (
    <>
      <h1>{t('listen.title')}</h1>
      <p class="lead">{t('listen.intro')}</p>
      <Show when={meta()}>
        <Show when={events().length > 0} fallback={<p>{t('listen.noEvents')}</p>}>
          <h2>{t('listen.chooseEvent')}</h2>
          <ul class="event-list">
            <For each={events()}>
              {(event) => (
                <li class="event-list__item" classList={{ 'event-list__item--selected': meta()?.selected === event.id }}>
                  <p class="event-list__title">
                    <bdi>{event.title}</bdi>
                    <Show when={event.popUp}>
                      {' '}
                      <span class="tag">{t('listen.popUpTag')}</span>
                    </Show>
                  </p>
                  <p class="event-list__when">
                    <bdi>{formatDateTime(event.startsAt)}</bdi>
                    <Show when={event.venue}>
                      {(venue) => (
                        <>
                          {' · '}
                          <bdi>{venue()}</bdi>
                        </>
                      )}
                    </Show>
                  </p>
                  <button type="button" class="button" onClick={() => void choose(event.id)}>
                    {t('listen.recordHere')}
                    <span class="visually-hidden">: {event.title}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <div class="actions">
        <a href="/listen/new" class="button button--secondary">
          {t('listen.startPopUp')}
        </a>
        <a href="/kiosk" class="button button--secondary">
          {t('listen.handOver')}
        </a>
      </div>
    </>
  );
}
