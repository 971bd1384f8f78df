import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { findPersonalData } from '../../src/core/personalData';
import { lutonProfile } from '../../src/core/profile/luton';
import { TownProfile } from '../../src/core/profile/schema';
import { checkRecord, type RecordCheck } from '../../src/core/records/kinds';
import { PLEDGE_LIMITS } from '../../src/core/records/pledge';
import { canonicalJson, escapeSpreadsheetCell } from '../../src/core/text';

const ID = '01900000-0000-7000-8000-000000000001';
const envelope = (data: unknown, over: Record<string, unknown> = {}) => ({
  id: ID,
  kind: 'pledge',
  schemaVersion: 1,
  createdAt: '2026-03-01T10:00:00.000Z',
  locale: 'en',
  data,
  ...over,
});
const pledge = (over: Record<string, unknown> = {}) => ({ pledgeVersion: '2026-1', name: 'Amina', ...over });

function accepted(result: RecordCheck): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected the record to be accepted, got ${JSON.stringify(result)}`);
  return result.record.data;
}
function refused(result: RecordCheck) {
  if (result.ok) throw new Error(`expected the record to be refused, got ${JSON.stringify(result.record)}`);
  return result;
}
/** The field problem the resident would see on one field. */
const problemOn = (result: RecordCheck, field: string) => refused(result).errors?.find((e) => e.field === field)?.code;
const check = (data: unknown, over?: Record<string, unknown>) => checkRecord(envelope(data, over), lutonProfile);

describe('pledge: what the resident typed is cleaned before it is kept', () => {
  it('accepts a plain pledge and keeps what the resident chose', () => {
    const data = accepted(
      check(pledge({ ward: 'biscot', message: 'Proud of Luton', showMessage: true, email: 'amina@example.org', emailConsent: true })),
    );
    expect(data).toEqual({
      pledgeVersion: '2026-1',
      name: 'Amina',
      ward: 'biscot',
      message: 'Proud of Luton',
      showMessage: true,
      email: 'amina@example.org',
      emailConsent: true,
    });
  });

  it('trims, composes accents (NFC) and folds white space inside a name', () => {
    const data = accepted(check(pledge({ name: '  Jose\u0301   Mari\u0301a \n\t Lo\u0301pez  ' })));
    expect(data.name).toBe('José María López');
    expect(data.name).toBe((data.name as string).normalize('NFC'));
    expect([...(data.name as string)].length).toBe(16); // é and í and ó are one code point each, not letter + accent
  });

  it('removes bidi overrides and isolates that would make a name display differently', () => {
    const data = accepted(check(pledge({ name: '\u202EnimA\u202C \u2066Khan\u2069', message: 'Hi \u202Eereht' })));
    expect(data.name).toBe('nimA Khan');
    expect(data.name).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(data.message).toBe('Hi ereht');
  });

  it('removes control characters, keeps line breaks in a message (CRLF becomes LF)', () => {
    const data = accepted(check(pledge({ name: 'Am\u0000ina\u0007', message: ' line one\r\nline two\rthree ', showMessage: true })));
    expect(data.name).toBe('Amina');
    expect(data.message).toBe('line one\nline two\nthree');
  });

  it('keeps the result NFC even when a removed control character sat between a letter and its accent', () => {
    // "e", RLO, combining acute: once the override is removed the name must be the same "é" as any other.
    const data = accepted(check(pledge({ name: 'Jose\u202E\u0301' })));
    expect(data.name).toBe('José');
  });

  it('empty or blank optional fields are absent, not empty strings', () => {
    const data = accepted(check(pledge({ ward: '', message: '   ', email: ' ' })));
    expect(data.ward).toBeUndefined();
    expect(data.message).toBeUndefined();
    expect(data.email).toBeUndefined();
    // What travels and what is hashed has no trace of them.
    expect(JSON.parse(JSON.stringify(data))).toEqual({ pledgeVersion: '2026-1', name: 'Amina', showMessage: false, emailConsent: false });
    expect(canonicalJson(data)).toBe(canonicalJson({ pledgeVersion: '2026-1', name: 'Amina', showMessage: false, emailConsent: false }));
    expect(data.showMessage).toBe(false);
    expect(data.emailConsent).toBe(false);
  });

  it('asking to show a message without writing one is recorded as not shown', () => {
    expect(accepted(check(pledge({ showMessage: true }))).showMessage).toBe(false);
    expect(accepted(check(pledge({ showMessage: true, message: '  ' }))).showMessage).toBe(false);
    expect(accepted(check(pledge({ showMessage: true, message: 'Hello Luton' }))).showMessage).toBe(true);
  });

  it('a ward written with extra spaces is still the ward', () => {
    expect(accepted(check(pledge({ ward: '  high-town ' }))).ward).toBe('high-town');
  });
});

describe('pledge: what a resident is told is wrong', () => {
  it('an empty or blank name is required', () => {
    for (const name of ['', '   ', '\u202E\u202C', '\n\t']) {
      expect(refused(check(pledge({ name }))).reason).toBe('invalid-field');
      expect(problemOn(check(pledge({ name })), 'data.name')).toBe('required');
    }
  });

  it('a name left out altogether is required (not "unexpected")', () => {
    const { name: _omitted, ...withoutName } = pledge();
    expect(problemOn(check(withoutName), 'data.name')).toBe('required');
  });

  it('limits count what a person sees: 61 letters are too long, 60 are fine', () => {
    expect(PLEDGE_LIMITS.name).toBe(60);
    expect(accepted(check(pledge({ name: 'a'.repeat(60) }))).name).toHaveLength(60);
    expect(problemOn(check(pledge({ name: 'a'.repeat(61) })), 'data.name')).toBe('too-long');
    // Surrounding spaces do not count.
    expect(accepted(check(pledge({ name: `  ${'a'.repeat(60)}  ` }))).name).toHaveLength(60);
  });

  it('60 Urdu or Bengali letters with vowel marks are accepted although they are 120 code units', () => {
    const urdu = 'بِ'.repeat(60); // beh + kasra: one letter on screen
    const bengali = 'কি'.repeat(60); // ka + vowel sign i
    expect(urdu.length).toBe(120);
    expect(bengali.length).toBe(120);
    expect(accepted(check(pledge({ name: urdu }))).name).toBe(urdu);
    expect(accepted(check(pledge({ name: bengali }))).name).toBe(bengali);
    expect(accepted(check(pledge({ name: 'e\u0301'.repeat(60) }))).name).toBe('é'.repeat(60));
    // ...and the limit still applies to them.
    expect(problemOn(check(pledge({ name: 'بِ'.repeat(61) })), 'data.name')).toBe('too-long');
    expect(problemOn(check(pledge({ name: 'কি'.repeat(61) })), 'data.name')).toBe('too-long');
  });

  it('a message over 280 visible characters is too long', () => {
    expect(accepted(check(pledge({ message: 'ش'.repeat(280) }))).message).toHaveLength(280);
    expect(problemOn(check(pledge({ message: 'x'.repeat(281) })), 'data.message')).toBe('too-long');
  });

  it('a ward that is not one of the town wards is an invalid choice', () => {
    expect(problemOn(check(pledge({ ward: 'westminster' })), 'data.ward')).toBe('invalid-choice');
    expect(problemOn(check(pledge({ ward: 'Biscot' })), 'data.ward')).toBe('invalid-choice'); // ids, not names
  });

  it('an email without consent to be contacted asks for consent', () => {
    const result = check(pledge({ email: 'amina@example.org' }));
    expect(problemOn(result, 'data.emailConsent')).toBe('consent-required');
    expect(problemOn(check(pledge({ email: 'amina@example.org', emailConsent: false })), 'data.emailConsent')).toBe('consent-required');
    // Consent alone, without an email, is harmless.
    expect(accepted(check(pledge({ emailConsent: true }))).emailConsent).toBe(true);
  });

  it('an address that is not an email is an invalid email', () => {
    for (const email of ['amina', 'amina@', '@example.org', 'amina@example', 'a b@example.org', 'amina@@example.org']) {
      expect(problemOn(check(pledge({ email, emailConsent: true })), 'data.email'), email).toBe('invalid-email');
    }
    // Stored in canonical form (trimmed, lower case), so a person's rights request finds every pledge.
    expect(accepted(check(pledge({ email: '  Amina.K+luton@Example.co.uk ', emailConsent: true }))).email).toBe('amina.k+luton@example.co.uk');
  });

  it('a field the schema does not know is an unexpected field', () => {
    expect(problemOn(check(pledge({ phone: '07700 900123' })), 'data.phone')).toBe('unexpected-field');
  });

  it('a field of the wrong type is refused, not coerced', () => {
    expect(problemOn(check(pledge({ name: 42 })), 'data.name')).toBe('invalid-type');
    expect(problemOn(check(pledge({ showMessage: 'yes' })), 'data.showMessage')).toBe('invalid-type');
    expect(problemOn(check(pledge({ emailConsent: 1, email: 'a@example.org' })), 'data.emailConsent')).toBe('invalid-type');
  });
});

describe('record envelope', () => {
  it('an id that is not a version 7 UUID has an invalid format', () => {
    for (const id of ['f47ac10b-58cc-4372-a567-0e02b2c3d479', 'not-a-uuid', '01900000-0000-7000-c000-000000000001', '0190abcd-0000-7000-8000-00000000beef'.toUpperCase()]) {
      const result = refused(check(pledge(), { id }));
      expect(result.reason).toBe('invalid-field');
      expect(result.id).toBe(id); // the server can still tell the device which record it refused
      expect(result.errors).toContainEqual({ field: 'id', code: 'invalid-format' });
    }
  });

  it('a creation time that is not an ISO instant with a zone has an invalid format', () => {
    for (const createdAt of ['yesterday', '2026-13-45T10:00:00.000Z', '2026-03-01T10:00:00', '2026-03-01', '']) {
      expect(problemOn(check(pledge(), { createdAt }), 'createdAt'), createdAt).toBe('invalid-format');
    }
    expect(problemOn(check(pledge(), { createdAt: 1_700_000_000_000 }), 'createdAt')).toBe('invalid-type');
    expect(check(pledge(), { createdAt: '2026-03-01T10:00:00+01:00' }).ok).toBe(true);
  });

  it('an unknown kind is refused as unknown-kind, with the id', () => {
    expect(refused(check({}, { kind: 'petition' }))).toEqual({ ok: false, id: ID, reason: 'unknown-kind' });
    // Inherited object keys are not kinds.
    expect(refused(check({}, { kind: 'constructor' })).reason).toBe('unknown-kind');
  });

  it('schema version 2 of a pledge is not supported yet', () => {
    expect(refused(check(pledge(), { schemaVersion: 2 }))).toEqual({ ok: false, id: ID, reason: 'unsupported-schema-version' });
    expect(problemOn(check(pledge(), { schemaVersion: 1.5 }), 'schemaVersion')).toBe('invalid-format');
    expect(problemOn(check(pledge(), { schemaVersion: 0 }), 'schemaVersion')).toBe('invalid-format');
  });

  it('an unknown envelope field is unexpected, a bad locale is invalid', () => {
    expect(problemOn(check(pledge(), { extra: true }), 'extra')).toBe('unexpected-field');
    expect(problemOn(check(pledge(), { locale: 'English!' }), 'locale')).toBe('invalid-format');
  });

  it('input that is not an object is refused without throwing', () => {
    for (const input of [null, undefined, 'pledge', 42, true, [], [envelope(pledge())]]) {
      const result = checkRecord(input, lutonProfile);
      expect(result.ok).toBe(false);
      expect(refused(result).reason).toBe('invalid-field');
      expect(refused(result)).not.toHaveProperty('id');
    }
    expect(refused(check(null)).reason).toBe('invalid-field');
    expect(problemOn(check('a pledge'), 'data')).toBe('invalid-type');
  });

  it('input that is not an object is described as the wrong type', () => {
    for (const input of [null, 'pledge', 42]) {
      expect(refused(checkRecord(input, lutonProfile)).errors).toEqual([{ field: '_', code: 'invalid-type' }]);
    }
  });

  it('a record with a missing id is told the id is required', () => {
    const { id: _omitted, ...withoutId } = envelope(pledge());
    expect(problemOn(checkRecord(withoutId, lutonProfile), 'id')).toBe('required');
  });
});

describe('town profile', () => {
  it('accepts the Luton default', () => {
    const result = v.safeParse(TownProfile, lutonProfile);
    expect(result.success).toBe(true);
    expect(lutonProfile.wards).toHaveLength(19);
    expect(lutonProfile.wards.map((w) => w.id)).toContain('high-town');
  });

  it('refuses a profile without English', () => {
    const profile = { ...lutonProfile, languages: lutonProfile.languages.filter((l) => l.code !== 'en') };
    expect(v.safeParse(TownProfile, profile).success).toBe(false);
  });

  it('the pledge version a resident signs is the profile pledge version', () => {
    expect(check(pledge({ pledgeVersion: lutonProfile.pledge.version })).ok).toBe(true);
  });
});

describe('escapeSpreadsheetCell: exports cannot run formulas', () => {
  it.each(['=HYPERLINK("http://evil")', '+44 7700', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('escapes %j', (cell) => {
    expect(escapeSpreadsheetCell(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary text alone', () => {
    for (const cell of ['Amina', 'بہت سی آوازیں', '', '1 + 1', 'a=b', 'email@example.org']) {
      expect(escapeSpreadsheetCell(cell)).toBe(cell);
    }
  });
});

describe('canonicalJson', () => {
  it('gives the same string whatever the key order, at every depth', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' }, z: null };
    const b = { z: null, a: { c: 'é', d: [1, { x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1,"z":null}');
    expect(JSON.parse(canonicalJson(a))).toEqual(a);
  });
  it('ignores undefined properties but keeps array order', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson('x')).toBe('"x"');
  });
});

describe('findPersonalData: a screen on messages meant to be public', () => {
  it.each([
    ['Email me at amina.k@example.org please', 'email'],
    ['Call me on 07700 900123', 'phone'],
    ['Call me on 07700900123', 'phone'],
    ['my number is +44 7700 900123', 'phone'],
    ['+447700900123', 'phone'],
    ['ring 01582 546000 any time', 'phone'],
    ['ring (01582) 546000', 'phone'],
    ['ring 020 7946 0018', 'phone'],
    ['I live at LU1 2AB', 'postcode'],
    ['postcode lu12ab', 'postcode'],
    ['near LU4 9XY and', 'postcode'],
    ['see www.example.com for more', 'link'],
    ['https://x.y', 'link'],
    ['follow example.co.uk', 'link'],
    ['میرا نمبر ۰۷۷۰۰ ۹۰۰۱۲۳ ہے', 'phone'], // Urdu (extended Arabic-Indic) digits
    ['رقمي ٠٧٧٠٠ ٩٠٠١٢٣', 'phone'], // Eastern Arabic digits
    ['আমার নম্বর ০৭৭০০ ৯০০১২৩', 'phone'], // Bengali digits
    ['٠٧٧٠٠٩٠٠١٢٣', 'phone'],
  ])('%j contains %s', (text, kind) => {
    expect(findPersonalData(text)).toContain(kind);
  });

  it('reports each kind once, in a stable order', () => {
    expect(findPersonalData('LU1 2AB, 07700 900123 or 07700 900456')).toEqual(['phone', 'postcode']);
    expect(findPersonalData('07700 900123, LU1 2AB')).toEqual(['phone', 'postcode']);
    // An email address also looks like a link (its domain); staff see both, the email first.
    expect(findPersonalData('LU1 2AB, 07700 900123, amina@example.org')).toEqual(['email', 'phone', 'postcode', 'link']);
  });

  it.each([
    'I have lived here 20 years',
    'I have 3 children and 2 grandchildren',
    'Proud to be from Luton since 1998!',
    'We raised £1,500 for the food bank in 2024.',
    'Open 24/7, call 999 in an emergency',
    'Our street party on 12.06.2025 had 150 people',
    'Respect for everyone, whatever their faith or language.',
    'میں یہاں ۲۰ سال سے رہ رہا ہوں',
    'Mieszkam w Luton od 15 lat i mam 3 dzieci',
    'আমি এখানে ১০ বছর ধরে আছি',
    '',
  ])('a clean sentence %j contains nothing', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});
