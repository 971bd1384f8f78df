import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { isEmail, normalisePhone } from '../../src/core/contact';
import { categoryValues, ethnicCategories, ethnicGroupOf, ethnicGroups, religionAnswers, signupAgeBands, valuesOf } from '../../src/core/panels/answers';
import { whoIsMissing } from '../../src/core/panels/missing';
import { panelSchema, takesSignups } from '../../src/core/panels/panel';
import { lutonProfile } from '../../src/core/profile/luton';
import { TownProfile } from '../../src/core/profile/schema';
import { checkRecord } from '../../src/core/records/kinds';
import { signupPanelProblems, signupSchema } from '../../src/core/records/signup';
import { Catalog } from '../../src/core/sync';
import { check } from '../../src/core/validation';

const PANEL = '01900000-0000-7000-8000-0000000000a1';
const OTHER_PANEL = '01900000-0000-7000-8000-0000000000a2';
const signup = (over: Record<string, unknown> = {}) => ({
  panels: [PANEL],
  ageBand: '25-34',
  name: 'Amira Test',
  email: 'Amira@Example.org',
  contactConsent: true,
  preferredLanguage: 'en',
  ...over,
});
const schema = signupSchema(lutonProfile);
const errorsOf = (data: unknown) => {
  const r = check(schema, data);
  return r.ok ? [] : r.errors;
};
const valueOf = (data: unknown) => {
  const r = check(schema, data);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('email and phone checks', () => {
  it('accepts real addresses and refuses near misses', () => {
    for (const ok of ['a@example.org', 'first.last+panel@council.gov.uk', "o'neil@example.co.uk"]) expect(isEmail(ok), ok).toBe(true);
    for (const bad of ['a@b', 'a@b.c', '.a@example.org', 'a..b@example.org', 'a.@example.org', 'a@-example.org', 'a@example..org', 'a@example.123', 'no-at.example.org', 'a b@example.org'])
      expect(isEmail(bad), bad).toBe(false);
  });

  it('normalises UK and international numbers to E.164', () => {
    expect(normalisePhone('07700 900123')).toBe('+447700900123');
    expect(normalisePhone('(01582) 546-000')).toBe('+441582546000');
    expect(normalisePhone('+44 (0)7700 900123')).toBe('+447700900123');
    expect(normalisePhone('0044 7700 900123')).toBe('+447700900123');
    expect(normalisePhone('+48 601 234 567')).toBe('+48601234567');
    // Urdu (Extended Arabic-Indic) digits are digits too.
    expect(normalisePhone('۰۷۷۰۰ ۹۰۰۱۲۳')).toBe('+447700900123');
    for (const bad of ['12345', '07700 90012', '+44 07700 900123', '+4477009001234', 'call me', '+0 123 456 789', '0800'])
      expect(normalisePhone(bad), bad).toBeNull();
  });
});

describe('the signup record', () => {
  it('is accepted through the kind table with canonical contact details', () => {
    const r = checkRecord(
      { id: '01900000-0000-7000-8000-000000000001', kind: 'signup', schemaVersion: 1, createdAt: '2026-03-01T10:00:00.000Z', locale: 'en', data: signup({ phone: '07700 900123' }) },
      lutonProfile,
      { enrolledDevice: false },
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.record.data).toMatchObject({ email: 'amira@example.org', phone: '+447700900123', accessNeeds: [], equalityConsent: false });
  });

  it('needs an email or a phone, and consent to be contacted', () => {
    expect(errorsOf(signup({ email: '' }))).toEqual([{ field: 'email', code: 'contact-required' }]);
    expect(valueOf(signup({ email: '', phone: '+48 601 234 567' })).phone).toBe('+48601234567');
    expect(errorsOf(signup({ contactConsent: false }))).toEqual([{ field: 'contactConsent', code: 'consent-required' }]);
    expect(errorsOf(signup({ email: 'amira@example' }))).toEqual([{ field: 'email', code: 'invalid-email' }]);
    expect(errorsOf(signup({ phone: '0770' }))).toEqual([{ field: 'phone', code: 'invalid-phone' }]);
    expect(errorsOf(signup({ name: '  ' }))).toEqual([{ field: 'name', code: 'required' }]);
  });

  it('needs at least one panel and an age band from the list', () => {
    expect(errorsOf(signup({ panels: [] }))).toEqual([{ field: 'panels', code: 'required' }]);
    expect(errorsOf(signup({ panels: ['not-a-panel'] }))).toEqual([{ field: 'panels.0', code: 'unknown-panel' }]);
    expect(errorsOf(signup({ ageBand: undefined }))).toEqual([{ field: 'ageBand', code: 'required' }]);
    expect(errorsOf(signup({ ageBand: '30' }))).toEqual([{ field: 'ageBand', code: 'invalid-choice' }]);
    expect(valueOf(signup({ panels: [PANEL, PANEL.toUpperCase()] })).panels).toEqual([PANEL]);
  });

  it('under 13 collects no contact details at all', () => {
    expect(valueOf({ panels: [PANEL], ageBand: 'under-13' })).toMatchObject({ ageBand: 'under-13', accessNeeds: [] });
    expect(errorsOf({ panels: [PANEL], ageBand: 'under-13', email: 'kid@example.org' })).toEqual([{ field: 'email', code: 'unexpected-field' }]);
    expect(errorsOf({ panels: [PANEL], ageBand: 'under-13', name: 'Kid' })).toEqual([{ field: 'name', code: 'unexpected-field' }]);
    expect(errorsOf({ panels: [PANEL], ageBand: 'under-13', phone: '07700 900123' })).toEqual([{ field: 'phone', code: 'unexpected-field' }]);
  });

  it('keeps equality answers only with their own consent, each optional with prefer-not-to-say', () => {
    expect(errorsOf(signup({ gender: 'woman' }))).toEqual([{ field: 'equalityConsent', code: 'consent-required' }]);
    const full = valueOf(
      signup({ equalityConsent: true, gender: 'own-words', genderOwnWords: 'Agender', ethnicity: 'pakistani', disability: 'prefer-not-to-say', ward: 'biscot', religion: 'muslim' }),
    );
    expect(full).toMatchObject({ gender: 'own-words', genderOwnWords: 'Agender', ethnicity: 'pakistani', ward: 'biscot' });
    expect(valueOf(signup({ equalityConsent: true, religion: 'prefer-not-to-say' })).religion).toBe('prefer-not-to-say');
    expect(errorsOf(signup({ equalityConsent: true, gender: 'own-words' }))).toEqual([{ field: 'genderOwnWords', code: 'required' }]);
    expect(errorsOf(signup({ equalityConsent: true, gender: 'woman', genderOwnWords: 'x' }))).toEqual([{ field: 'genderOwnWords', code: 'unexpected-field' }]);
    expect(errorsOf(signup({ equalityConsent: true, ethnicity: 'martian' }))).toEqual([{ field: 'ethnicity', code: 'invalid-choice' }]);
    expect(errorsOf(signup({ equalityConsent: true, ward: 'atlantis' }))).toEqual([{ field: 'ward', code: 'invalid-choice' }]);
    expect(valueOf(signup({ equalityConsent: true, ethnicity: 'other-white', ethnicityOwnWords: 'Romanian' })).ethnicityOwnWords).toBe('Romanian');
  });

  it('describes access needs, and "other" in own words', () => {
    expect(valueOf(signup({ accessNeeds: ['bsl-interpreter', 'step-free', 'bsl-interpreter'] })).accessNeeds).toEqual(['bsl-interpreter', 'step-free']);
    expect(errorsOf(signup({ accessNeeds: ['other'] }))).toEqual([{ field: 'accessNotes', code: 'required' }]);
    expect(errorsOf(signup({ accessNeeds: ['jetpack'] }))).toEqual([{ field: 'accessNeeds.0', code: 'invalid-choice' }]);
    expect(errorsOf(signup({ preferredLanguage: 'other' }))).toEqual([{ field: 'preferredLanguageOther', code: 'required' }]);
    expect(valueOf(signup({ preferredLanguage: 'other', preferredLanguageOther: 'Bengali' })).preferredLanguageOther).toBe('Bengali');
  });
});

describe('panel checks', () => {
  const open = { id: PANEL, minAge: 16, signupDeadline: '2026-04-01T00:00:00.000Z', status: 'open' as const };
  const at = { createdAt: '2026-03-01T10:00:00.000Z', receivedAt: '2026-03-01T10:00:05.000Z' };
  it('refuse unknown and draft panels, closed or past deadline, and too young', () => {
    expect(signupPanelProblems({ panels: [PANEL], ageBand: '16-17' }, [open], at)).toEqual([]);
    expect(signupPanelProblems({ panels: [OTHER_PANEL], ageBand: '25-34' }, [open], at)).toEqual([{ field: 'panels', code: 'unknown-panel' }]);
    expect(signupPanelProblems({ panels: [PANEL], ageBand: '25-34' }, [{ ...open, status: 'draft' }], at)).toEqual([{ field: 'panels', code: 'unknown-panel' }]);
    expect(signupPanelProblems({ panels: [PANEL], ageBand: '25-34' }, [{ ...open, status: 'closed' }], at)).toEqual([{ field: 'panels', code: 'panel-closed' }]);
    expect(signupPanelProblems({ panels: [PANEL], ageBand: '13-15' }, [open], at)).toEqual([{ field: 'ageBand', code: 'below-minimum-age' }]);
    expect(signupPanelProblems({ panels: [PANEL], ageBand: '16-17' }, [{ ...open, minAge: 18 }], at)).toEqual([{ field: 'ageBand', code: 'below-minimum-age' }]);
    const late = { createdAt: '2026-04-02T10:00:00.000Z', receivedAt: '2026-04-02T10:00:05.000Z' };
    expect(signupPanelProblems({ panels: [PANEL], ageBand: '25-34' }, [open], late)).toEqual([{ field: 'panels', code: 'panel-closed' }]);
  });

  it('count a sign-up made offline before the deadline that arrives within the grace days', () => {
    const deadline = { signupDeadline: '2026-04-01T00:00:00.000Z' };
    expect(takesSignups(deadline, '2026-03-31T20:00:00.000Z', '2026-04-03T09:00:00.000Z')).toBe(true);
    expect(takesSignups(deadline, '2026-03-31T20:00:00.000Z', '2026-04-20T09:00:00.000Z')).toBe(false);
    // A device clock in the future cannot make a late sign-up count.
    expect(takesSignups(deadline, '2026-03-30T20:00:00.000Z', '2026-04-03T09:00:00.000Z')).toBe(true);
    expect(takesSignups(deadline, '2026-04-02T20:00:00.000Z', '2026-04-03T09:00:00.000Z')).toBe(false);
  });
});

describe('the staff panel', () => {
  const panel = (over: Record<string, unknown> = {}) => ({
    topic: { en: 'Young people and safer streets', ur: '' },
    description: { en: 'Three evenings to talk about safety.' },
    format: 'in-person',
    place: 'Town Hall',
    startsAt: '2026-05-01T18:00:00+01:00',
    endsAt: '2026-05-01T20:00:00+01:00',
    signupDeadline: '2026-04-20T23:59:00Z',
    size: 30,
    ...over,
  });
  const s = panelSchema(lutonProfile);
  it('defaults: minimum age 16, no reserves, draft, no categories; empty languages dropped; instants in UTC', () => {
    const r = check(s, panel());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ minAge: 16, reserves: 0, status: 'draft', categories: [], quotas: [], topic: { en: 'Young people and safer streets' }, startsAt: '2026-05-01T17:00:00.000Z' });
  });
  it('explains wrong input field by field', () => {
    const errs = (over: Record<string, unknown>) => {
      const r = check(s, panel(over));
      return r.ok ? [] : r.errors;
    };
    expect(errs({ place: '' })).toEqual([{ field: 'place', code: 'required' }]);
    expect(errs({ place: '', format: 'online' })).toEqual([]);
    expect(errs({ endsAt: '2026-04-30T10:00:00Z' })).toEqual([{ field: 'endsAt', code: 'date-order' }]);
    expect(errs({ signupDeadline: '2026-05-02T10:00:00Z' })).toEqual([{ field: 'signupDeadline', code: 'date-order' }]);
    expect(errs({ minAge: 17 })).toEqual([{ field: 'minAge', code: 'invalid-choice' }]);
    expect(errs({ format: 'zoom' })).toEqual([{ field: 'format', code: 'invalid-choice' }]);
    expect(errs({ topic: { ur: 'صرف اردو' } })).toEqual([{ field: 'topic', code: 'required' }]);
    expect(errs({ categories: ['shoe-size'] })).toEqual([{ field: 'categories.0', code: 'invalid-choice' }]);
    expect(errs({ quotas: [{ category: 'gender', values: [{ value: 'woman', min: 5, max: 3 }] }] })).toEqual([{ field: 'quotas', code: 'invalid-format' }]);
    expect(errs({ quotas: [{ category: 'ward', values: [{ value: 'atlantis', min: 0, max: 3 }] }] })).toEqual([{ field: 'quotas', code: 'invalid-choice' }]);
  });
});

describe('answer lists', () => {
  it('ethnicity has the 19 ONS 2021 categories under 5 groups', () => {
    expect(Object.keys(ethnicGroups)).toEqual(['asian', 'black', 'mixed', 'white', 'other']);
    expect(ethnicCategories).toHaveLength(19);
    expect(ethnicGroupOf('pakistani')).toBe('asian');
    expect(ethnicGroupOf('roma')).toBe('white');
    expect(religionAnswers).toContain('prefer-not-to-say');
    expect(signupAgeBands.slice(0, 4)).toEqual(['under-13', '13-15', '16-17', '18-24']);
    expect(categoryValues('ward', lutonProfile.wards)).toHaveLength(lutonProfile.wards.length + 1);
  });

  it('an unanswered question counts as prefer-not-to-say', () => {
    expect(valuesOf({ ageBand: '18-24', ethnicity: 'caribbean' })).toEqual({
      ageBand: '18-24', gender: 'prefer-not-to-say', ethnicity: 'black', disability: 'prefer-not-to-say', ward: 'prefer-not-to-say', religion: 'prefer-not-to-say',
    });
  });
});

describe('who is missing', () => {
  it('withholds groups smaller than 5 and gives the reference as a share', () => {
    const pool = [
      ...Array.from({ length: 6 }, () => valuesOf({ ageBand: '25-34', gender: 'woman' })),
      ...Array.from({ length: 3 }, () => valuesOf({ ageBand: '18-24', gender: 'man' })),
    ];
    const answer = whoIsMissing({ panel: null, pool, wards: lutonProfile.wards, reference: { source: 'Demo figures', categories: { ageBand: { '18-24': 14, '25-34': 16 } } } });
    expect(answer.total).toBe(9);
    expect(answer.referenceSource).toBe('Demo figures');
    const age = answer.categories.find((c) => c.category === 'ageBand')!;
    expect(age.rows.find((r) => r.value === '25-34')).toEqual({ value: '25-34', count: 6, reference: 0.16 });
    expect(age.rows.find((r) => r.value === '18-24')).toEqual({ value: '18-24', count: null, reference: 0.14 });
    const gender = answer.categories.find((c) => c.category === 'gender')!;
    expect(gender.total).toBe(9);
    expect(gender.rows.find((r) => r.value === 'man')?.count).toBeNull();
    expect(JSON.stringify(answer)).not.toContain('"count":3');
  });

  it('withholds a second group when one withheld group could be worked out from the total', () => {
    const pool = [
      ...Array.from({ length: 7 }, () => valuesOf({ ageBand: '25-34', disability: 'no' })),
      ...Array.from({ length: 6 }, () => valuesOf({ ageBand: '25-34', disability: 'prefer-not-to-say' })),
      ...Array.from({ length: 2 }, () => valuesOf({ ageBand: '25-34', disability: 'yes' })),
    ];
    const disability = whoIsMissing({ panel: null, pool, wards: lutonProfile.wards }).categories.find((c) => c.category === 'disability')!;
    // yes (2) is withheld; so is the smaller of the others (6), or 15 - 7 - 6 would give it away.
    expect(disability.rows.map((r) => [r.value, r.count])).toEqual([['yes', null], ['no', 7], ['prefer-not-to-say', null]]);
  });
});

describe('profile and catalog', () => {
  it('the Luton default ships no reference figures', () => {
    expect(lutonProfile.reference).toBeUndefined();
    expect(v.is(TownProfile, lutonProfile)).toBe(true);
  });
  it('reference percentages are checked', () => {
    expect(v.is(TownProfile, { ...lutonProfile, reference: { source: 'Census 2021', categories: { ageBand: { '18-24': 60, '25-34': 60 } } } })).toBe(false);
    expect(v.is(TownProfile, { ...lutonProfile, reference: { source: 'Census 2021', categories: { ageBand: { '18-24': 14 } } } })).toBe(true);
  });
  it('a catalog cached before panels existed still parses, with no panels', () => {
    const parsed = v.parse(Catalog, { apiVersion: 1, profile: lutonProfile, counts: { pledges: 0 } });
    expect(parsed.panels).toEqual([]);
  });
});
