import i18next from 'i18next';
import { createSignal } from 'solid-js';
import type { FieldError } from '../../../core/validation';
import { formatLocale, formatNumber, language, loadFallbackLanguage, t } from '../../i18n';

/**
 * The staff console's own strings live in locales/admin/*.json, so residents never download them: each
 * language is its own chunk, loaded when a staff member opens /admin and merged into i18next under `admin.`.
 */
type Bundle = { translation: Record<string, unknown> };
const loaders = import.meta.glob<Bundle>('../../../../locales/admin/*.json', { import: 'default' });
const loaderFor = (code: string) => loaders[`../../../../locales/admin/${code}.json`];

const [version, setVersion] = createSignal(0);
/** Changes each time console strings arrive (a new language). */
export const stringsVersion = version;
const added = new Set<string>();

async function add(code: string): Promise<void> {
  if (added.has(code)) return;
  const load = loaderFor(code);
  if (!load) return;
  const bundle = await load();
  // Deep merge, never overwriting: the resident strings of this language stay as they are.
  i18next.addResourceBundle(code, 'translation', bundle.translation, true, false);
  added.add(code);
}

/**
 * Make the console's strings for this language (and English, the fallback) available. English is added only
 * after the app's own English bundle is there, so the app's "is English loaded?" check stays truthful.
 */
export async function loadAdminStrings(code: string): Promise<void> {
  await loadFallbackLanguage();
  await add('en');
  await add(code);
  setVersion((n) => n + 1);
}

/**
 * Translate a console key (`admin.…`). The same as the app's `t`, and also follows the console's own bundle
 * arriving. (Named apart from `t` because the app's locale test checks literal `t('…')` keys against
 * locales/en.json, and these keys live in locales/admin/en.json.)
 */
export function at(key: string | string[], options?: Record<string, unknown>): string {
  version();
  return t(key, options);
}

/** A count in words, with the number formatted for the reader's language. */
export function atCount(key: string, count: number, options: Record<string, unknown> = {}): string {
  version();
  return t(key, { ...options, count, formatted: formatNumber(count) });
}

/** A request problem from the server (or `offline`), in words. */
export function problemText(code: string, values: Record<string, unknown> = {}): string {
  return at([`admin.errors.${code}`, `errors.${code}`, 'admin.errors.unknown'], values);
}

/** A field problem, in words, naming the field: console wording first, then the app's catalogue. */
export function fieldText(error: FieldError, fieldLabel: string, values: Record<string, unknown> = {}): string {
  return at(
    [`admin.errors.fields.${error.field}.${error.code}`, `admin.errors.${error.code}`, `errors.${error.code}`, 'admin.errors.unknown'],
    { ...values, field: fieldLabel },
  );
}

/** A calendar day (YYYY-MM-DD) in the reader's language, without time-zone drift. */
export function formatDay(day: string): string {
  version();
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A language's name in the reader's language ("Urdu", "اردو", "urdu"). */
export function languageName(code: string): string {
  version();
  try {
    return new Intl.DisplayNames([formatLocale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
