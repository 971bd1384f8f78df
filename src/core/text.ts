/**
 * Text hygiene for anything a person types. Pure: used by the form (before saving) and by the server
 * (before storing), through the schemas.
 */

// C0/C1 controls except tab and newline, and the bidi embedding/override/isolate controls that can make
// a name display differently from what it contains (the "Trojan Source" family).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/** Trim, NFC-normalise, and remove control and bidi-override characters. Newlines are kept. */
export function cleanText(value: string): string {
  // Remove first, then normalise: a removed character between a letter and its accent must not block NFC.
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI_CONTROL, '').normalize('NFC').trim();
}

/** As cleanText, and fold every run of white space (newlines included) into one space: names are one line. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/gu, ' ');
}

/** Email addresses compare case-insensitively here; the canonical form is what duplicate detection uses. */
export function canonicalEmail(value: string): string {
  return cleanLine(value).toLowerCase();
}

/** Length as a person counts it (user-perceived characters), so limits do not punish non-Latin scripts. */
let graphemes: Intl.Segmenter | undefined;
export function visibleLength(value: string): number {
  // Plain ASCII has one character per code unit: skip segmentation, the common case on the server.
  if (/^[\x20-\x7e]*$/.test(value)) return value.length;
  // Intl.Segmenter exists in every browser we support and in Node 20; creating one is costly, so keep it.
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of graphemes.segment(value)) count++;
  return count;
}

/** Spreadsheet formula injection: a cell that starts with one of these is treated as a formula. */
export function escapeSpreadsheetCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** JSON with object keys sorted, so the same content always gives the same string (for content hashes). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
