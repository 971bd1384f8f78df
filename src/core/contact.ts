import * as v from 'valibot';
import { canonicalEmail, cleanLine } from './text';

/**
 * Contact details a resident gives so the council can reach them: an email address and a phone number,
 * each checked and brought to one canonical form (lower-case email; phone in E.164, "+447700900123"), so
 * staff can search them and duplicates are found.
 */

export const CONTACT_LIMITS = { email: 254, emailLocal: 64, phoneTyped: 40 } as const;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * An address someone can actually receive mail at: a dot-atom local part (no leading, trailing or double
 * dots; at most 64 characters), and a domain of at least two labels with a top-level domain of letters.
 * Stricter than the browser's type=email check (which accepts "a@b"), looser than nothing.
 */
export function isEmail(value: string): boolean {
  if (value.length > CONTACT_LIMITS.email) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > CONTACT_LIMITS.emailLocal || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  return /^[a-z]{2,63}$/.test(labels[labels.length - 1] ?? '');
}

/** Decimal digits in any script (Urdu, Bengali, Arabic...) as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    const code = d.codePointAt(0) ?? 48;
    // Unicode decimal digits come in runs of ten: walk back to the run's zero.
    let zero = code;
    while (zero > code - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String(code - zero);
  });
}

/**
 * A phone number in E.164 form, or null when it cannot be one. UK numbers may be written nationally
 * ("07700 900123", "01582 546000"), with +44 or 0044, with "(0)" after the country code; any other country
 * with + or 00 and its code. Spaces, dots, dashes and brackets are ignored.
 */
export function normalisePhone(typed: string): string | null {
  let s = asciiDigits(typed.normalize('NFKC')).trim();
  if (!/^[+\d\s().\-/]+$/.test(s)) return null;
  s = s.replace(/\(0\)/g, '').replace(/[\s().\-/]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (!s.startsWith('+')) {
    // A UK national number: 0 and then 9 or 10 digits, not starting with another 0.
    if (!/^0[1-9]\d{8,9}$/.test(s)) return null;
    s = `+44${s.slice(1)}`;
  }
  if (!/^\+[1-9]\d{7,14}$/.test(s)) return null;
  // UK numbers have 9 or 10 digits after +44 (and no leading 0 there).
  if (s.startsWith('+44') && !/^\+44[1-9]\d{8,9}$/.test(s)) return null;
  // UK mobiles (07...) always have 10 digits after the 0; only a few geographic numbers have 9.
  if (s.startsWith('+447') && s.length !== 13) return null;
  return s;
}

/** An optional email: "" means not given; otherwise lower-cased and checked. */
export const OptionalEmail = v.optional(
  v.pipe(
    v.string('invalid-type'),
    v.transform(canonicalEmail),
    v.transform((s) => (s === '' ? undefined : s)),
    v.optional(v.pipe(v.string(), v.maxLength(CONTACT_LIMITS.email, 'too-long'), v.check(isEmail, 'invalid-email'))),
  ),
);

/** An optional phone number: "" means not given; otherwise normalised to E.164. */
export const OptionalPhone = v.optional(
  v.pipe(
    v.string('invalid-type'),
    v.transform(cleanLine),
    v.transform((s) => (s === '' ? undefined : s)),
    v.optional(
      v.pipe(
        v.string(),
        v.maxLength(CONTACT_LIMITS.phoneTyped, 'too-long'),
        v.check((s) => normalisePhone(s) !== null, 'invalid-phone'),
        v.transform((s) => normalisePhone(s) ?? s),
      ),
    ),
  ),
);
