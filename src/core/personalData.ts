/**
 * Finds personal data in free text that is meant to be public or anonymous (pledge-wall messages,
 * listening-circle points). A match holds the text for staff to check; it is a screen, not a guarantee.
 */
export type PersonalDataKind = 'email' | 'phone' | 'postcode' | 'link';

const PATTERNS: Record<PersonalDataKind, RegExp> = {
  email: /[^\s@]+@[^\s@]+\.[^\s@]{2,}/u,
  // UK numbers: 07…, 01…, 02…, 03…, 08… with 10–11 digits, or +44, allowing spaces, dots, dashes, brackets.
  phone: /(?:\+\s*44|\b0)(?:[\s\-.()]*\d){9,10}\b/u,
  // UK postcodes (outward + inward), with or without the space.
  postcode: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/iu,
  link: /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|co\.uk|org|net|uk|io|me|info|gov\.uk|ly)\b/iu,
};

/** The kinds of personal data the text seems to contain, in a stable order; empty when none. */
export function findPersonalData(text: string): PersonalDataKind[] {
  // Digits in other scripts (Urdu, Bengali...) count as digits for phone numbers.
  const normalised = text.normalize('NFKC').replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
  return (Object.keys(PATTERNS) as PersonalDataKind[]).filter((kind) => PATTERNS[kind].test(normalised));
}

function digitValue(d: string): number {
  const code = d.codePointAt(0) ?? 48;
  // Unicode decimal digits come in contiguous runs of ten starting at a code point ending in 0 or 6.
  for (let zero = code; zero > code - 10; zero--) {
    if (/\p{Nd}/u.test(String.fromCodePoint(zero - 1)) === false) return code - zero;
  }
  return 0;
}
