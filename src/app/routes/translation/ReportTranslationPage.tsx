import { Show, createSignal } from 'solid-js';
import { TRANSLATION_REPORT_LIMITS, translationReportSpec } from '../../../core/records/translationReport';
import type { FieldError } from '../../../core/validation';
import { db, profile, requestSync } from '../../appState';
import { saveRecord } from '../../data/records';
import { language, localeMeta, t } from '../../i18n';
import { ErrorSummary, SelectField, TextArea, TextField, errorText } from '../../ui/form';

/** The page the form was opened from (?from=/pledge/name), if it is a page of this app. */
function fromPage(): string | undefined {
  const from = new URLSearchParams(location.search).get('from') ?? '';
  return /^\/[\w\-/]{0,99}$/.test(from) ? from : undefined;
}

/**
 * "Report a poor translation": which language, what is wrong, optionally where. Saved on the device and
 * sent like any record; it asks nothing about the person, so anyone can send one from any phone.
 */
export function ReportTranslationPage() {
  const page = fromPage();
  const [lang, setLang] = createSignal(language());
  const [problem, setProblem] = createSignal('');
  const [where, setWhere] = createSignal('');
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [sent, setSent] = createSignal(false);
  const [saving, setSaving] = createSignal(false);

  const labels: Record<string, string> = {
    language: t('translationReport.language.label'),
    problem: t('translationReport.problem.label'),
    where: t('translationReport.where.label'),
    page: t('translationReport.where.label'),
  };
  const limits: Record<string, number> = TRANSLATION_REPORT_LIMITS;
  const message = (e: FieldError) => errorText(e, labels[e.field] ?? e.field, { max: limits[e.field] });
  const errorFor = (field: string) => {
    const e = errors().find((x) => x.field === field);
    return e ? message(e) : undefined;
  };

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    setSaving(true);
    try {
      const data = { language: lang(), problem: problem(), where: where(), ...(page ? { page } : {}) };
      const saved = await saveRecord(db, translationReportSpec(profile()), data, language());
      if (!saved.ok) return setErrors(saved.errors);
      setErrors([]);
      setSent(true);
      queueMicrotask(() => document.querySelector<HTMLElement>('main h1')?.focus());
      void requestSync('saved');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Show
      when={!sent()}
      fallback={
        <>
          <h1 tabindex="-1">{t('translationReport.done.title')}</h1>
          <p>{t('translationReport.done.text')}</p>
          <p>
            <a class="button button--secondary" href={page ?? '/'}>
              {t('translationReport.done.back')}
            </a>
          </p>
        </>
      }
    >
      <h1>{t('translationReport.title')}</h1>
      <p>{t('translationReport.intro')}</p>
      <ErrorSummary errors={errors().map((e) => ({ field: e.field, message: message(e) }))} />
      <form novalidate onSubmit={(e) => void send(e)}>
        <SelectField
          name="language"
          label={labels['language'] ?? ''}
          error={errorFor('language')}
          value={lang()}
          options={profile().languages.map((l) => ({
            value: l.code,
            lang: l.code,
            dir: l.dir,
            label: localeMeta[l.code]?.reviewed === false ? `${l.nativeName} – ${t('layout.unreviewed')}` : l.nativeName,
          }))}
          onChange={setLang}
        />
        <TextArea
          name="problem"
          label={labels['problem'] ?? ''}
          hint={t('translationReport.problem.hint', { max: TRANSLATION_REPORT_LIMITS.problem })}
          error={errorFor('problem')}
          value={problem()}
          onInput={setProblem}
          rows={5}
        />
        <TextField name="where" label={labels['where'] ?? ''} hint={t('translationReport.where.hint')} error={errorFor('where')} value={where()} onInput={setWhere} />
        <p class="hint">{t('translationReport.noPersonalData')}</p>
        <div class="actions">
          <button type="submit" class="button">
            {t('translationReport.send')}
          </button>
        </div>
      </form>
    </Show>
  );
}
