import i18next from 'i18next';
import { createSignal } from 'solid-js';
import localeMeta from 'virtual:locale-meta';
import loaders from 'virtual:locale-loaders';
import type { Language } from '../../core/profile/schema';
import type { DeferredSection } from './sections';

/**
 * Languages load on demand (each is its own chunks, precached by the service worker for offline use), so
 * adding a language adds nothing to what a resident downloads before the first page. Within a language, the
 * words of one journey (panels, worker mode…) come with that journey's page: see sections.ts.
 */
const loaded = new Set<string>();
/** The deferred sections some page has asked for: a language switch loads them in the new language too. */
const wanted = new Set<DeferredSection>();
let fallbackWanted = false;

type FirstChunk = Awaited<ReturnType<(typeof loaders)[string]>>;
const firstChunks = new Map<string, Promise<FirstChunk>>();

/** Load one part of a language into i18next; true when it brought words that were not there before. */
async function ensurePart(code: string, part: 'core' | DeferredSection): Promise<boolean> {
  const key = `${code}/${part}`;
  const loadFirst = loaders[code];
  if (loaded.has(key) || !loadFirst) return false;
  let first = firstChunks.get(code);
  if (!first) firstChunks.set(code, (first = loadFirst()));
  const chunk = await first;
  const strings = part === 'core' ? chunk.default : (await chunk.sections[part]?.())?.default;
  if (!strings || loaded.has(key)) return false;
  i18next.addResourceBundle(code, 'translation', strings, true, true);
  loaded.add(key);
  return true;
}

const partsFor = async (code: string) =>
  (await Promise.all([ensurePart(code, 'core'), ...[...wanted].map((s) => ensurePart(code, s))])).some(Boolean);

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
  return Object.hasOwn(loaders, code);
}

/**
 * Load a journey's words (in the language in use, and in English once the fallback is loaded) before its
 * page renders: App.tsx does it with the page's own chunk.
 */
export async function loadSections(...sections: DeferredSection[]): Promise<void> {
  for (const s of sections) wanted.add(s);
  const codes = [current(), ...(fallbackWanted ? ['en'] : [])];
  const added = await Promise.all(codes.flatMap((code) => sections.map((s) => ensurePart(code, s))));
  // Every translated text on the page follows `version`: bump it only when there are new words.
  if (added.some(Boolean)) setVersion((n) => n + 1);
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
  if (!hasTranslation(code)) code = 'en';
  if (!hasTranslation(code)) throw new Error('English translations are missing');
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: code,
      fallbackLng: 'en',
      resources: {},
      // Text is rendered as text (no HTML), so nothing needs escaping; the hook isolates values instead.
      interpolation: { escapeValue: true, escape: isolateInRtl },
      returnNull: false,
      // A key with no words in any loaded language would show raw: say so (tests listen for it).
      saveMissing: true,
      missingKeyHandler: (_lngs, _ns, key, _fallback, _update, options?: { defaultValue?: unknown }) => {
        if (options?.defaultValue === undefined) console.warn(`Many Voices: no words for "${key}"`);
      },
    });
  }
  await partsFor(code);
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
  fallbackWanted = true;
  if (await partsFor('en')) setVersion((n) => n + 1);
}

/**
 * The locale that dates and numbers are written in: the language in use, with English as written in the UK
 * ("30 November 2026", not "November 30, 2026").
 */
export const formatLocale = (): string => (current() === 'en' ? 'en-GB' : current());

export function formatDateTime(iso: string | number | Date): string {
  version();
  return new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(n: number): string {
  version();
  return new Intl.NumberFormat(formatLocale()).format(n);
}
