import { createSignal } from 'solid-js';
import { FEEDBACK_LIMITS } from '../../../core/records/feedback';
import type { FieldError } from '../../../core/validation';
import { askForPersistentStorage, db, profile, requestSync } from '../../appState';
import { saveRecord } from '../../data/records';
import { formatNumber, language, t } from '../../i18n';
import { navigate } from '../../router';
import { ErrorSummary, TextArea } from '../../ui/form';
import { ChoiceGroup, profileChoice } from '../listen/ChoiceGroup';
import { fieldMessage } from '../listen/messages';
import { fieldSpecs } from '../listen/specs';
import { kioskLock } from './lock';

/**
 * A resident gives feedback in their own words. The entry lives in this component only: it is gone as soon
 * as the screen changes (thank-you, idle reset), and once saved nothing on the tablet shows it again.
 */
export function KioskFeedback() {
  const [theme, setTheme] = createSignal('');
  const [lens, setLens] = createSignal('');
  const [text, setText] = createSignal('');
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [saving, setSaving] = createSignal(false);

  const label = (field: string) => t(`kiosk.feedback.fields.${field}`);
  const message = (e: FieldError) => fieldMessage(e, label(e.field), { max: formatNumber(FEEDBACK_LIMITS.text) }, ['kiosk', 'listen']);
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? message(e) : undefined;
  };
  // Lenses in plain words for residents; the profile's own wording where there is none for a lens.
  const lensChoice = (id: string, fallback: { en: string } & Record<string, string>) =>
    t(`kiosk.feedback.lenses.${id}`, { defaultValue: '' }) ? { value: id, label: t(`kiosk.feedback.lenses.${id}`) } : profileChoice(id, fallback, language());

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    const eventId = kioskLock()?.eventId;
    if (saving() || !eventId) return;
    setSaving(true);
    try {
      const saved = await saveRecord(
        db,
        fieldSpecs(profile()).feedback,
        { eventId, theme: theme(), lens: lens(), text: text(), form: 'quote', source: 'resident' },
        language(),
      );
      if (!saved.ok) {
        setErrors(saved.errors);
        return;
      }
      setText('');
      navigate('/kiosk/thanks', { replace: true });
      void askForPersistentStorage();
      void requestSync('saved');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="kiosk">
      <h1>{t('kiosk.feedback.title')}</h1>
      <p class="lead">{t('kiosk.feedback.intro')}</p>
      <ErrorSummary errors={errors().map((e) => ({ field: e.field, message: message(e) }))} />
      <form novalidate onSubmit={send} autocomplete="off">
        <ChoiceGroup
          name="theme"
          legend={label('theme')}
          error={errorFor('theme')}
          options={profile().themes.map((x) => profileChoice(x.id, x.label, language()))}
          value={theme()}
          onChange={setTheme}
        />
        <ChoiceGroup
          name="lens"
          legend={label('lens')}
          error={errorFor('lens')}
          options={profile().lenses.map((x) => lensChoice(x.id, x.label as { en: string } & Record<string, string>))}
          value={lens()}
          onChange={setLens}
        />
        <TextArea
          name="text"
          label={label('text')}
          hint={t('kiosk.feedback.textHint', { max: formatNumber(FEEDBACK_LIMITS.text) })}
          error={errorFor('text')}
          value={text()}
          rows={6}
          onInput={setText}
        />
        <div class="actions">
          <button type="submit" class="button kiosk-button kiosk-button--big" disabled={saving()}>
            {t('kiosk.feedback.send')}
          </button>
        </div>
      </form>
    </div>
  );
}
