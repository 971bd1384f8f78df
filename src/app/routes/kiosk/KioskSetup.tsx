import { For, Show, createResource, createSignal } from 'solid-js';
import { catalog, db } from '../../appState';
import { formatDateTime, language, t } from '../../i18n';
import { navigate } from '../../router';
import { Checkbox, ErrorSummary, SelectField } from '../../ui/form';
import { eventsToChoose, listenMeta } from '../listen/fieldEvents';
import { kioskActivityAvailable, lockKiosk, type KioskActivity } from './lock';

/** The worker chooses what a resident may do on this tablet, then locks it. */
export function KioskSetup() {
  const [meta] = createResource(() => listenMeta(db));
  const events = () => eventsToChoose(catalog().events ?? [], meta()?.popUps ?? []);
  const activities = (['feedback', 'pledge', 'panel'] as const).filter(kioskActivityAvailable);
  const [chosen, setChosen] = createSignal<KioskActivity[]>(['feedback', 'pledge']);
  const [eventId, setEventId] = createSignal<string | undefined>();
  const [errors, setErrors] = createSignal<{ field: string; message: string }[]>([]);
  const currentEvent = () => eventId() ?? meta()?.selected ?? '';

  const lock = (submit: SubmitEvent) => {
    submit.preventDefault();
    const offered = activities.filter((a) => chosen().includes(a));
    const event = events().find((e) => e.id === currentEvent());
    const found = [
      ...(offered.length === 0 ? [{ field: 'activity-feedback', message: t('kiosk.setup.errors.noActivity') }] : []),
      ...(offered.includes('feedback') && !event ? [{ field: 'event', message: t('kiosk.setup.errors.noEvent') }] : []),
    ];
    setErrors(found);
    if (found.length) return;
    lockKiosk({
      activities: offered,
      ...(event && offered.includes('feedback') ? { eventId: event.id, eventTitle: event.title } : {}),
      language: language(),
      lockedAt: new Date().toISOString(),
    });
    navigate('/kiosk', { replace: true });
  };

  return (
    <>
      <a class="back-link" href="/listen">
        {t('form.back')}
      </a>
      <h1>{t('kiosk.setup.title')}</h1>
      <p class="lead">{t('kiosk.setup.intro')}</p>
      <ErrorSummary errors={errors()} />
      <Show when={meta()}>
        <form novalidate onSubmit={lock}>
          <fieldset class="field">
            <legend class="label">{t('kiosk.setup.activities')}</legend>
            <For each={activities}>
              {(a) => (
                <Checkbox
                  name={`activity-${a}`}
                  label={t(`kiosk.activities.${a}`)}
                  error={errors().find((e) => e.field === `activity-${a}`)?.message}
                  checked={chosen().includes(a)}
                  onChange={(on) => setChosen((list) => (on ? [...list.filter((x) => x !== a), a] : list.filter((x) => x !== a)))}
                />
              )}
            </For>
          </fieldset>
          <Show when={chosen().includes('feedback')}>
            <SelectField
              name="event"
              label={t('kiosk.setup.event')}
              hint={t('kiosk.setup.eventHint')}
              error={errors().find((e) => e.field === 'event')?.message}
              value={currentEvent()}
              options={[
                { value: '', label: t('kiosk.setup.chooseEvent') },
                ...events().map((e) => ({ value: e.id, label: `${e.title} – ${formatDateTime(e.startsAt)}` })),
              ]}
              onChange={setEventId}
            />
          </Show>
          <p>{t('kiosk.setup.pinNote')}</p>
          <div class="actions">
            <button type="submit" class="button">
              {t('kiosk.setup.lock')}
            </button>
          </div>
        </form>
      </Show>
    </>
  );
}
