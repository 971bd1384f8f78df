import { liveQuery } from 'dexie';
import { For, Show, createResource, createSignal, from } from 'solid-js';
import { ageBands, FEEDBACK_LIMITS } from '../../../core/records/feedback';
import type { FieldError } from '../../../core/validation';
import { askForPersistentStorage, catalog, db, profile, requestSync } from '../../appState';
import { correctRecord, discardRecord, saveRecord } from '../../data/records';
import { formatLocale, formatNumber, language, t } from '../../i18n';
import { ErrorSummary, SelectField, TextArea, fieldId } from '../../ui/form';
import { AttendanceCounter } from './AttendanceCounter';
import { ChoiceGroup, profileChoice } from './ChoiceGroup';
import { eventsToChoose, listenMeta, type FieldEvent } from './fieldEvents';
import { fieldMessage } from './messages';
import { workerPoints, type WorkerPoint } from './points';
import { fieldSpecs } from './specs';
import { setStickyForm, setStickyLens, setStickyTheme, stickyForm, stickyLens, stickyTheme } from './sticky';

/** The event chosen on /listen, looked up among the catalog's events and this tablet's pop-ups. */
async function selectedEvent(): Promise<FieldEvent | null> {
  const meta = await listenMeta(db);
  return eventsToChoose(catalog().events ?? [], meta.popUps).find((e) => e.id === meta.selected) ?? null;
}

export function CaptureScreen() {
  const [event] = createResource(selectedEvent);
  return (
    <Show when={!event.loading}>
      <Show
        when={event()}
        fallback={
          <>
            <h1>{t('listen.capture.noEventTitle')}</h1>
            <p>
              <a href="/listen">{t('listen.capture.chooseEvent')}</a>
            </p>
          </>
        }
      >
        {(e) => <Capture event={e()} />}
      </Show>
    </Show>
  );
}

function Capture(props: { event: FieldEvent }) {
  const [text, setText] = createSignal('');
  const [ageBand, setAgeBand] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [editing, setEditing] = createSignal<string | undefined>();
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [said, setSaid] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [confirmDelete, setConfirmDelete] = createSignal<string | undefined>();

  const points = from(liveQuery(() => workerPoints(db, props.event.id)));
  const spec = () => fieldSpecs(profile()).feedback;
  const themeLabel = (id: string) => profileChoice(id, profile().themes.find((x) => x.id === id)?.label ?? { en: id }, language());
  const lensLabel = (id: string) => profileChoice(id, profile().lenses.find((x) => x.id === id)?.label ?? { en: id }, language());

  const label = (field: string) => t(`listen.capture.fields.${field}`);
  const message = (e: FieldError) => fieldMessage(e, label(e.field), { max: formatNumber(FEEDBACK_LIMITS.text) });
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? message(e) : undefined;
  };

  const clearEntry = () => {
    setText('');
    setAgeBand('');
    setWard('');
    setEditing(undefined);
    setErrors([]);
  };

  const save = async (submit: SubmitEvent) => {
    submit.preventDefault();
    if (saving()) return;
    setSaving(true);
    try {
      const data = {
        eventId: props.event.id,
        theme: stickyTheme(),
        lens: stickyLens(),
        text: text(),
        form: stickyForm(),
        source: 'worker',
        ...(ageBand() ? { ageBand: ageBand() } : {}),
        ...(ward() ? { ward: ward() } : {}),
      };
      const id = editing();
      const result = id ? await correctRecord(db, spec(), id, data) : await saveRecord(db, spec(), data, language());
      if (!result.ok) {
        if ('errors' in result) setErrors(result.errors);
        else {
          setErrors([]);
          clearEntry();
          setSaid(t('listen.capture.frozen'));
        }
        return;
      }
      clearEntry();
      // Theme, lens and quote/summary stay chosen: the next point is one tap and the text away. Emptied
      // first, so the same words said twice in a row are announced again.
      setSaid('');
      setSaid(id ? t('listen.capture.corrected') : t('listen.capture.saved', { time: new Date().toLocaleTimeString(formatLocale()) }));
      document.getElementById(fieldId('text'))?.focus();
      if (!id) {
        void askForPersistentStorage();
        void requestSync('saved');
      }
    } finally {
      setSaving(false);
    }
  };

  const startCorrecting = (p: WorkerPoint) => {
    setStickyTheme(p.theme);
    setStickyLens(p.lens);
    setStickyForm(p.form === 'quote' ? 'quote' : 'summary');
    setText(p.text);
    setAgeBand(p.ageBand ?? '');
    setWard(p.ward ?? '');
    setErrors([]);
    setEditing(p.id);
    document.getElementById(fieldId('text'))?.focus();
  };

  const remove = async (p: WorkerPoint) => {
    setConfirmDelete(undefined);
    const done = await discardRecord(db, p.id);
    if (editing() === p.id) clearEntry();
    setSaid(done ? t('listen.capture.deleted') : t('listen.capture.frozen'));
  };

  return (
    <>
      <a class="back-link" href="/listen">
        {t('listen.capture.otherEvent')}
      </a>
      <h1>
        {t('listen.capture.title')} <bdi class="event-title">{props.event.title}</bdi>
      </h1>
      <ErrorSummary errors={errors().map((e) => ({ field: e.field, message: message(e) }))} />
      <form class="capture" novalidate onSubmit={save}>
        <ChoiceGroup
          name="theme"
          legend={label('theme')}
          error={errorFor('theme')}
          options={profile().themes.map((x) => themeLabel(x.id))}
          value={stickyTheme()}
          onChange={setStickyTheme}
        />
        <ChoiceGroup
          name="lens"
          legend={label('lens')}
          error={errorFor('lens')}
          options={profile().lenses.map((x) => lensLabel(x.id))}
          value={stickyLens()}
          onChange={setStickyLens}
        />
        <TextArea
          name="text"
          label={label('text')}
          hint={t('listen.capture.textHint', { max: formatNumber(FEEDBACK_LIMITS.text) })}
          error={errorFor('text')}
          value={text()}
          rows={5}
          onInput={setText}
        />
        <ChoiceGroup
          name="form"
          legend={label('form')}
          compact
          error={errorFor('form')}
          options={[
            { value: 'summary', label: t('listen.capture.summary') },
            { value: 'quote', label: t('listen.capture.quote') },
          ]}
          value={stickyForm()}
          onChange={(v) => setStickyForm(v === 'quote' ? 'quote' : 'summary')}
        />
        <details class="capture__tags" open={!!(ageBand() || ward())}>
          <summary>{t('listen.capture.tags')}</summary>
          <p class="hint">{t('listen.capture.tagsHint')}</p>
          <SelectField
            name="ageBand"
            label={label('ageBand')}
            error={errorFor('ageBand')}
            value={ageBand()}
            options={[{ value: '', label: t('listen.capture.notTagged') }, ...ageBands.map((b) => ({ value: b, label: t(`listen.ageBands.${b}`) }))]}
            onChange={setAgeBand}
          />
          <SelectField
            name="ward"
            label={label('ward')}
            error={errorFor('ward')}
            value={ward()}
            options={[{ value: '', label: t('listen.capture.notTagged') }, ...profile().wards.map((w) => ({ value: w.id, label: w.name }))]}
            onChange={setWard}
          />
        </details>
        <div class="actions capture__actions">
          <button type="submit" class="button capture__save" disabled={saving()}>
            {editing() ? t('listen.capture.saveCorrection') : t('listen.capture.save')}
          </button>
          <Show when={editing()}>
            <button type="button" class="button button--secondary" onClick={clearEntry}>
              {t('listen.capture.cancelCorrection')}
            </button>
          </Show>
        </div>
        <p class="capture__said" role="status">
          {said()}
        </p>
      </form>

      <section aria-labelledby="points-title" class="points">
        <h2 id="points-title">{t('listen.points.title', { count: points()?.length ?? 0, formatted: formatNumber(points()?.length ?? 0) })}</h2>
        <p class="hint">{t('listen.points.hint')}</p>
        <ol class="points__list">
          <For each={points() ?? []}>
            {(p, i) => (
              <li class="point">
                <p class="point__tags">
                  <span lang={themeLabel(p.theme).lang}>{themeLabel(p.theme).label}</span>
                  {' · '}
                  <span lang={lensLabel(p.lens).lang}>{lensLabel(p.lens).label}</span>
                  {' · '}
                  {p.form === 'quote' ? t('listen.capture.quote') : t('listen.capture.summary')}
                </p>
                <p class="point__text" dir="auto">
                  {p.text}
                </p>
                <Show
                  when={p.status === 'editable'}
                  fallback={
                    <p class="point__status">
                      {p.status === 'sending'
                        ? t('listen.points.sending')
                        : t('listen.points.refused', { reason: t([`errors.${p.rejection?.reason ?? 'unknown'}`, 'errors.unknown'], { field: p.rejection?.field ?? '' }) })}
                    </p>
                  }
                >
                  <Show
                    when={confirmDelete() === p.id}
                    fallback={
                      <div class="point__actions">
                        <button type="button" class="button button--secondary" onClick={() => startCorrecting(p)}>
                          {t('listen.points.correct')}
                          <span class="visually-hidden"> {t('listen.points.number', { n: i() + 1 })}</span>
                        </button>
                        <button type="button" class="button button--secondary" onClick={() => setConfirmDelete(p.id)}>
                          {t('listen.points.delete')}
                          <span class="visually-hidden"> {t('listen.points.number', { n: i() + 1 })}</span>
                        </button>
                      </div>
                    }
                  >
                    <div class="point__actions" role="group" aria-label={t('listen.points.confirmDelete')}>
                      <span>{t('listen.points.confirmDelete')}</span>
                      <button type="button" class="button button--warning" onClick={() => void remove(p)}>
                        {t('listen.points.yesDelete')}
                      </button>
                      <button type="button" class="button button--secondary" onClick={() => setConfirmDelete(undefined)}>
                        {t('listen.points.keep')}
                      </button>
                    </div>
                  </Show>
                </Show>
              </li>
            )}
          </For>
        </ol>
        <p class="hint">{t('listen.points.afterSent')}</p>
      </section>

      <AttendanceCounter eventId={props.event.id} />

      <div class="actions">
        <a href="/kiosk" class="button button--secondary">
          {t('listen.handOver')}
        </a>
      </div>
    </>
  );
}
