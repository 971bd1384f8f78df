import { liveQuery } from 'dexie';
import { For, Show, createSignal, from } from 'solid-js';
import { ATTENDANCE_LIMITS } from '../../../core/records/attendance';
import type { FieldError } from '../../../core/validation';
import { db, profile, requestSync } from '../../appState';
import { discardRecord, saveRecord } from '../../data/records';
import { formatDateTime, formatNumber, language, t } from '../../i18n';
import { ErrorSummary, Message, describedBy, fieldId } from '../../ui/form';
import { fieldMessage } from './messages';
import { headCounts } from './points';
import { fieldSpecs } from './specs';

/**
 * How many took part in each circle of the event (the council's KPI: numbers engaged in each session):
 * counted with + and −, or typed, then saved as an attendance record.
 */
export function AttendanceCounter(props: { eventId: string }) {
  const [count, setCount] = createSignal('0');
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [said, setSaid] = createSignal('');
  const saved = from(liveQuery(() => headCounts(db, props.eventId)));

  const asNumber = () => (/^\s*\d+\s*$/.test(count()) ? Number(count()) : Number.NaN);
  const step = (by: number) => {
    const n = Number.isNaN(asNumber()) ? 0 : asNumber();
    setCount(String(Math.min(ATTENDANCE_LIMITS.count, Math.max(0, n + by))));
  };
  const message = (e: FieldError) => fieldMessage(e, t('listen.attendance.label'), { max: formatNumber(ATTENDANCE_LIMITS.count) });
  const error = () => {
    const e = errors().find((x) => x.field === 'count');
    return e ? message(e) : undefined;
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const n = asNumber();
    const result = await saveRecord(db, fieldSpecs(profile()).attendance, { eventId: props.eventId, count: Number.isNaN(n) ? count() : n }, language());
    if (!result.ok) {
      setErrors(result.errors.map((e) => (e.field === 'count' && e.code === 'invalid-type' ? { ...e, code: 'invalid-format' } : e)));
      return;
    }
    setErrors([]);
    setSaid(t('listen.attendance.saved', { count: n, formatted: formatNumber(n) }));
    setCount('0');
    void requestSync('saved');
  };

  return (
    <section aria-labelledby="attendance-title" class="card attendance">
      <h2 id="attendance-title">{t('listen.attendance.title')}</h2>
      <ErrorSummary errors={errors().map((e) => ({ field: 'count', message: message(e) }))} />
      <form novalidate onSubmit={save}>
        <div class="field" classList={{ 'field--error': !!error() }}>
          <label class="label" for={fieldId('count')}>
            {t('listen.attendance.label')}
          </label>
          <Message name="count" hint={t('listen.attendance.hint')} error={error()} />
          <div class="counter">
            <button type="button" class="button button--secondary counter__step" onClick={() => step(-1)} aria-label={t('listen.attendance.fewer')}>
              −
            </button>
            <input
              id={fieldId('count')}
              name="count"
              class="counter__value"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              value={count()}
              aria-describedby={describedBy('count', true, error())}
              aria-invalid={error() ? 'true' : undefined}
              onInput={(e) => setCount(e.currentTarget.value)}
            />
            <button type="button" class="button button--secondary counter__step" onClick={() => step(1)} aria-label={t('listen.attendance.more')}>
              +
            </button>
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            {t('listen.attendance.save')}
          </button>
        </div>
        <p role="status">{said()}</p>
      </form>
      <Show when={(saved() ?? []).length > 0}>
        <h3>{t('listen.attendance.waiting')}</h3>
        <ul class="head-counts">
          <For each={saved() ?? []}>
            {(h) => (
              <li>
                <bdi>{t('listen.attendance.entry', { count: h.count, formatted: formatNumber(h.count), time: formatDateTime(h.createdAt) })}</bdi>
                <Show when={h.status === 'editable'} fallback={<span class="point__status"> {h.status === 'sending' ? t('listen.points.sending') : t('listen.attendance.refused')}</span>}>
                  {' '}
                  <button type="button" class="button button--secondary" onClick={() => void discardRecord(db, h.id)}>
                    {t('listen.points.delete')}
                    <span class="visually-hidden"> {t('listen.attendance.entry', { count: h.count, formatted: formatNumber(h.count), time: formatDateTime(h.createdAt) })}</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
