import i18next from 'i18next';
import { createSignal } from 'solid-js';
import localeMeta from 'virtual:locale-meta';
import type { Language } from '../../core/profile/schema';

/**
 * Languages load on demand (each is its own chunk, precached by the service worker for offline use), so
 * adding a language adds nothing to what a resident downloads before the first page.
 */
const loaders = import.meta.glob<{ translation: Record<string, unknown> }>('../../../locales/*.json', { import: 'default' });
const loaderFor = (code: string) => loaders[`../../../locales/${code}.json`];

const STORAGE_KEY = 'mv-language';
const [version, setVersion] = createSignal(0);
const [current, setCurrent] = createSignal('en');

export const language = current;

/**
 * Right-to-left text keeps the order of the numbers, names and references put into it (a Latin ward name
 * inside Urdu, "Luton Borough Council" inside Arabic) when each value is a bidi isolate: FSI … PDI.
 */
let rtl = false;
const isolateInRtl = (value: string): string => (rtl ? `\u2068${value}\u2069` : value);
export { localeMeta };

/** Translate. Reading it inside a component makes the component follow language changes. */
export function t(key: string | string[], options?: Record<string, unknown>): string {
  version();
  return i18next.t(key, options ?? {});
}

export function hasTranslation(code: string): boolean {
  return loaderFor(code) !== undefined;
}

/** The language to start in: the one chosen before, else the browser's, else English. */
export function initialLanguage(languages: readonly Language[], browser: readonly string[] = navigator.languages ?? []): string {
  const offered = languages.map((l) => l.code).filter(hasTranslation);
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked; the browser's language is a fine start.
  }
  if (saved && offered.includes(saved)) return saved;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    const match = offered.find((c) => c === lower) ?? offered.find((c) => c === lower.split('-')[0]);
    if (match) return match;
  }
  return 'en';
}

export async function setLanguage(code: string, languages: readonly Language[]): Promise<void> {
  const load = loaderFor(code) ?? loaderFor('en');
  if (!load) throw new Error('English translations are missing');
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: code,
      fallbackLng: 'en',
      resources: {},
      // Text is rendered as text (no HTML), so nothing needs escaping; the hook isolates values instead.
      interpolation: { escapeValue: true, escape: isolateInRtl },
      returnNull: false,
    });
  }
  if (!i18next.hasResourceBundle(code, 'translation')) {
    const bundle = await load();
    i18next.addResourceBundle(code, 'translation', bundle.translation, true, true);
  }
  await i18next.changeLanguage(code);
  const dir = languages.find((l) => l.code === code)?.dir ?? i18next.dir(code);
  document.documentElement.lang = code;
  document.documentElement.dir = dir;
  rtl = dir === 'rtl';
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered across visits; nothing else depends on it.
  }
  setCurrent(code);
  setVersion((n) => n + 1);
}

/**
 * English is the fallback for any key a translation lacks (a test keeps every language complete, so this
 * is a safety net): loaded after the first page is shown, not before.
 */
export async function loadFallbackLanguage(): Promise<void> {
  if (i18next.hasResourceBundle('en', 'translation')) return;
  const bundle = await loaderFor('en')?.();
  if (!bundle) return;
  i18next.addResourceBundle('en', 'translation', bundle.translation, true, true);
  setVersion((n) => n + 1);
}

export function formatDateTime(iso: string | number | Date): string {
  version();
  return new Intl.DateTimeFormat(current(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(n: number): string {
  version();
  return new Intl.NumberFormat(current()).format(n);
}
