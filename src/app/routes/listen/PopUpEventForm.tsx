import { For, createSignal } from 'solid-js';
import { EVENT_LIMITS } from '../../../core/records/event';
import type { FieldError } from '../../../core/validation';
import { askForPersistentStorage, db, profile, requestSync } from '../../appState';
import { saveRecord } from '../../data/records';
import { language, t } from '../../i18n';
import { navigate } from '../../router';
import { ErrorSummary, Message, SelectField, TextField, describedBy, fieldId } from '../../ui/form';
import { Localized } from '../../ui/Localized';
import { rememberPopUp } from './fieldEvents';
import { fieldMessage } from './messages';
import { fieldSpecs } from './specs';

/** The local time as a datetime-local input writes it (YYYY-MM-DDTHH:MM). */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Start an event on the spot ("pop-up, Bury Park market"): saved as a record, so it works offline. */
export function PopUpEventForm() {
  const [title, setTitle] = createSignal('');
  const [startsAt, setStartsAt] = createSignal(localInputValue(new Date()));
  const [venue, setVenue] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [themes, setThemes] = createSignal<string[]>(profile().themes.map((th) => th.id));
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [saving, setSaving] = createSignal(false);

  const limits: Record<string, number> = { title: EVENT_LIMITS.title, venue: EVENT_LIMITS.venue };
  const label = (field: string) => t(`listen.popUp.fields.${field}`);
  const message = (e: FieldError) => fieldMessage(e, label(e.field.split('.')[0] ?? e.field), { max: limits[e.field] });
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return e ? message(e) : undefined;
  };

  const toggleTheme = (id: string, on: boolean) =>
    setThemes((list) => (on ? profile().themes.map((th) => th.id).filter((x) => x === id || list.includes(x)) : list.filter((x) => x !== id)));

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    setSaving(true);
    try {
      const when = new Date(startsAt());
      const data = {
        title: title(),
        startsAt: Number.isNaN(when.getTime()) ? startsAt() : when.toISOString(),
        ...(venue() ? { venue: venue() } : {}),
        ...(ward() ? { ward: ward() } : {}),
        themes: themes(),
      };
      // The record and the remembered pop-up in one transaction: the worker never loses the event to choose.
      const saved = await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
        const result = await saveRecord(db, fieldSpecs(profile()).event, data, language());
        if (result.ok) {
          const record = await db.records.get(result.id);
          const stored = record?.envelope.data as { title: string; startsAt: string; venue?: string; themes: string[] } | undefined;
          await rememberPopUp(db, {
            id: result.id,
            title: stored?.title ?? title(),
            startsAt: stored?.startsAt ?? data.startsAt,
            venue: stored?.venue,
            themes: stored?.themes,
            popUp: true,
          });
        }
        return result;
      });
      if (!saved.ok) {
        setErrors(saved.errors);
        return;
      }
      void askForPersistentStorage();
      void requestSync('saved');
      navigate('/listen/record', { replace: true });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <a class="back-link" href="/listen">
        {t('form.back')}
      </a>
      <h1>{t('listen.popUp.title')}</h1>
      <ErrorSummary errors={errors().map((e) => ({ field: e.field.split('.')[0] ?? e.field, message: message(e) }))} />
      <form novalidate onSubmit={save}>
        <TextField
          name="title"
          label={label('title')}
          hint={t('listen.popUp.nameHint', { max: EVENT_LIMITS.title })}
          error={errorFor('title')}
          value={title()}
          onInput={setTitle}
        />
        <div class="field" classList={{ 'field--error': !!errorFor('startsAt') }}>
          <label class="label" for={fieldId('startsAt')}>
            {label('startsAt')}
          </label>
          <Message name="startsAt" error={errorFor('startsAt')} />
          <input
            id={fieldId('startsAt')}
            name="startsAt"
            type="datetime-local"
            value={startsAt()}
            aria-describedby={describedBy('startsAt', undefined, errorFor('startsAt'))}
            aria-invalid={errorFor('startsAt') ? 'true' : undefined}
            onInput={(e) => setStartsAt(e.currentTarget.value)}
          />
        </div>
        <TextField name="venue" label={label('venue')} hint={t('listen.popUp.venueHint')} error={errorFor('venue')} value={venue()} onInput={setVenue} />
        <SelectField
          name="ward"
          label={label('ward')}
          error={errorFor('ward')}
          value={ward()}
          options={[{ value: '', label: t('listen.popUp.noWard') }, ...profile().wards.map((w) => ({ value: w.id, label: w.name }))]}
          onChange={setWard}
        />
        <fieldset class="field" classList={{ 'field--error': !!errorFor('themes') }} aria-describedby={describedBy('themes', true, errorFor('themes'))}>
          <legend class="label">{label('themes')}</legend>
          <Message name="themes" hint={t('listen.popUp.themesHint')} error={errorFor('themes')} />
          <For each={profile().themes}>
            {(theme, i) => {
              const id = () => (i() === 0 ? fieldId('themes') : `${fieldId('themes')}-${theme.id}`);
              return (
                <div class="checkbox">
                  <input type="checkbox" id={id()} checked={themes().includes(theme.id)} onChange={(e) => toggleTheme(theme.id, e.currentTarget.checked)} />
                  <label for={id()}>
                    <Localized text={theme.label} as="span" />
                  </label>
                </div>
              );
            }}
          </For>
        </fieldset>
        <div class="actions">
          <button type="submit" class="button" disabled={saving()}>
            {t('listen.popUp.save')}
          </button>
        </div>
      </form>
    </>
  );
}
