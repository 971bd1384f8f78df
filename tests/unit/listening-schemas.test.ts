import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  Day,
  ListeningExportQuery,
  ListeningFilter,
  listeningReport,
  OutcomeText,
  outcomeRequest,
  RedactionRequest,
  REPORT_STATEMENTS_PER_CELL,
  SummaryRequest,
  type ReportPoint,
} from '../../src/core/listening';
import { recordRejections } from '../../src/core/problems';
import { lutonProfile } from '../../src/core/profile/luton';
import { ageBands } from '../../src/core/records/feedback';
import { checkRecord, CURRENT_VERSION, recordKinds, type RecordCheck } from '../../src/core/records/kinds';
import { Catalog } from '../../src/core/sync';
import { check as checkSchema } from '../../src/core/validation';

const ID = '01900000-0000-7000-8000-000000000001';
const EVENT = '01900000-0000-7000-8000-0000000000e1';
const envelope = (kind: string, data: unknown, over: Record<string, unknown> = {}) => ({
  id: ID,
  kind,
  schemaVersion: 1,
  createdAt: '2026-03-01T10:00:00.000Z',
  locale: 'en',
  data,
  ...over,
});
const event = (over: Record<string, unknown> = {}) => ({ title: 'Market circle', startsAt: '2026-03-07T10:00:00.000Z', themes: ['youth'], ...over });
const feedback = (over: Record<string, unknown> = {}) => ({ eventId: EVENT, theme: 'housing', lens: 'change', text: 'Rents are too high.', form: 'quote', source: 'worker', ...over });
const attendance = (over: Record<string, unknown> = {}) => ({ eventId: EVENT, count: 12, ...over });

const check = (kind: string, data: unknown, options?: { enrolledDevice?: boolean }) => checkRecord(envelope(kind, data), lutonProfile, options);
function accepted(result: RecordCheck): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected the record to be accepted, got ${JSON.stringify(result)}`);
  return result.record.data;
}
function refused(result: RecordCheck) {
  if (result.ok) throw new Error(`expected the record to be refused, got ${JSON.stringify(result.record)}`);
  return result;
}
/** The one problem of a refused record: [field, code]. */
const problem = (result: RecordCheck) => {
  const r = refused(result);
  expect(r.reason).toBe('invalid-field');
  return (r.errors ?? []).map((e) => [e.field, e.code]);
};

describe('the listening kinds in the kinds table', () => {
  it('are enrolled-device kinds with no personal fields, at version 1', () => {
    for (const kind of ['event', 'feedback', 'attendance'] as const) {
      expect(recordKinds[kind].public, kind).toBe(false);
      expect(recordKinds[kind].personal, kind).toEqual([]);
      expect(CURRENT_VERSION[kind], kind).toBe(1);
    }
  });

  it('refuses a non-public kind as device-required when the server says there is no device, before reading its data', () => {
    for (const [kind, data] of [['event', event()], ['feedback', feedback()], ['attendance', attendance()], ['feedback', { nonsense: true }]] as const) {
      expect(refused(check(kind, data, { enrolledDevice: false }))).toEqual({ ok: false, id: ID, reason: 'device-required' });
      expect(check(kind, data, { enrolledDevice: true }).ok, kind).toBe(kind === 'feedback' && 'nonsense' in data ? false : true);
    }
    // The device itself does not ask; a pledge never needs a device.
    expect(check('feedback', feedback()).ok).toBe(true);
    expect(check('pledge', { pledgeVersion: '2026-1', name: 'Amina' }, { enrolledDevice: false }).ok).toBe(true);
    expect(recordRejections).toContain('device-required');
  });
});

describe('event', () => {
  it('accepts an event and cleans it: one-line title, UTC start, themes once each, empty optional fields left out', () => {
    const data = accepted(check('event', event({ title: '  Biscot \u202Ecircle\u202C \n today ', startsAt: '2026-03-07T10:00:00+01:00', venue: '  ', ward: '', themes: ['youth', 'work', 'youth'] })));
    expect(data).toEqual({ title: 'Biscot circle today', startsAt: '2026-03-07T09:00:00.000Z', themes: ['youth', 'work'] });
  });

  it('counts the title as a person does: 120 Urdu letters fit', () => {
    expect(check('event', event({ title: '\u0644'.repeat(120) })).ok).toBe(true);
    expect(problem(check('event', event({ title: '\u0644'.repeat(121) })))).toEqual([['data.title', 'too-long']]);
  });

  it.each([
    [{ title: undefined }, 'data.title', 'required'],
    [{ title: '' }, 'data.title', 'required'],
    [{ title: 12 }, 'data.title', 'invalid-type'],
    [{ startsAt: undefined }, 'data.startsAt', 'required'],
    [{ startsAt: '2026-03-07' }, 'data.startsAt', 'invalid-format'],
    [{ startsAt: '2026-02-30T10:00:00Z' }, 'data.startsAt', 'invalid-format'],
    [{ venue: 'v'.repeat(121) }, 'data.venue', 'too-long'],
    [{ ward: 'atlantis' }, 'data.ward', 'invalid-choice'],
    [{ themes: undefined }, 'data.themes', 'required'],
    [{ themes: [] }, 'data.themes', 'required'],
    [{ themes: ['youth', 'sport'] }, 'data.themes', 'invalid-choice'],
    [{ themes: [1] }, 'data.themes.0', 'invalid-type'],
    [{ themes: Array.from({ length: 21 }, () => 'youth') }, 'data.themes', 'too-long'],
    [{ extra: 1 }, 'data.extra', 'unexpected-field'],
  ])('refuses %j: %s %s', (over, field, code) => {
    const data = event(over as Record<string, unknown>);
    for (const key of Object.keys(data)) if ((data as Record<string, unknown>)[key] === undefined) delete (data as Record<string, unknown>)[key];
    expect(problem(check('event', data))).toEqual([[field, code]]);
  });
});

describe('feedback', () => {
  it('accepts a point with every optional tag, and cleans its text but keeps its lines', () => {
    const data = accepted(check('feedback', feedback({ text: ' Rents\r\nare \u202Etoo\u202C high. ', ageBand: '65+', ward: 'saints', source: 'resident', form: 'summary' })));
    expect(data).toEqual({ eventId: EVENT, theme: 'housing', lens: 'change', text: 'Rents\nare too high.', form: 'summary', source: 'resident', ageBand: '65+', ward: 'saints' });
  });

  it('accepts an event id of a staff event (any UUID), lower-cased', () => {
    const staffEvent = 'F47AC10B-58CC-4372-A567-0E02B2C3D479';
    expect(accepted(check('feedback', feedback({ eventId: staffEvent }))).eventId).toBe(staffEvent.toLowerCase());
  });

  it('knows every age band, and "" means no band given', () => {
    for (const band of ageBands) expect(accepted(check('feedback', feedback({ ageBand: band }))).ageBand).toBe(band);
    expect(accepted(check('feedback', feedback({ ageBand: '' }))).ageBand).toBeUndefined();
    expect(ageBands).toEqual(['0-15', '16-24', '25-34', '35-44', '45-54', '55-64', '65+']);
  });

  it('takes the 2000th character and refuses the 2001st, counted as a person counts', () => {
    expect(check('feedback', feedback({ text: '\u{1F44D}\u{1F3FD}'.repeat(2000) })).ok).toBe(true);
    expect(problem(check('feedback', feedback({ text: 'x'.repeat(2001) })))).toEqual([['data.text', 'too-long']]);
  });

  it.each([
    [{ eventId: undefined }, 'data.eventId', 'required'],
    [{ eventId: 'event-1' }, 'data.eventId', 'invalid-format'],
    [{ eventId: 7 }, 'data.eventId', 'invalid-type'],
    [{ theme: 'weather' }, 'data.theme', 'invalid-choice'],
    [{ theme: undefined }, 'data.theme', 'required'],
    [{ lens: 'hindsight' }, 'data.lens', 'invalid-choice'],
    [{ lens: '' }, 'data.lens', 'invalid-choice'],
    [{ text: '' }, 'data.text', 'required'],
    [{ text: '\u202E \u202C' }, 'data.text', 'required'],
    [{ form: 'poem' }, 'data.form', 'invalid-choice'],
    [{ source: 'staff' }, 'data.source', 'invalid-choice'],
    [{ ageBand: '18-30' }, 'data.ageBand', 'invalid-choice'],
    [{ ward: 'atlantis' }, 'data.ward', 'invalid-choice'],
    [{ name: 'Amina' }, 'data.name', 'unexpected-field'],
  ])('refuses %j: %s %s', (over, field, code) => {
    const data: Record<string, unknown> = feedback(over as Record<string, unknown>);
    for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
    expect(problem(check('feedback', data))).toEqual([[field, code]]);
  });
});

describe('attendance', () => {
  it('accepts 0 and 10000 and a short note', () => {
    expect(accepted(check('attendance', attendance({ count: 0 })))).toEqual({ eventId: EVENT, count: 0 });
    expect(accepted(check('attendance', attendance({ count: 10_000, note: '  Busy  ' })))).toEqual({ eventId: EVENT, count: 10_000, note: 'Busy' });
  });

  it.each([
    [{ count: -1 }, 'data.count', 'invalid-format'],
    [{ count: 10_001 }, 'data.count', 'invalid-format'],
    [{ count: 2.5 }, 'data.count', 'invalid-format'],
    [{ count: '12' }, 'data.count', 'invalid-type'],
    [{ count: undefined }, 'data.count', 'required'],
    [{ note: 'n'.repeat(201) }, 'data.note', 'too-long'],
    [{ eventId: 'x' }, 'data.eventId', 'invalid-format'],
  ])('refuses %j: %s %s', (over, field, code) => {
    const data: Record<string, unknown> = attendance(over as Record<string, unknown>);
    for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
    expect(problem(check('attendance', data))).toEqual([[field, code]]);
  });
});

describe('staff requests', () => {
  it('a day must exist: leap days only in leap years, no 31 February', () => {
    expect(v.is(Day, '2024-02-29')).toBe(true);
    expect(v.is(Day, '9999-12-31')).toBe(true);
    for (const day of ['2026-02-29', '2026-02-31', '2026-13-01', '2026-3-1', 'yesterday']) expect(v.is(Day, day), day).toBe(false);
  });

  it('the report filter takes events as a comma list, de-duplicated and lower-cased; an empty search is no search', () => {
    const a = '01900000-0000-7000-8000-0000000000AA';
    const b = '01900000-0000-7000-8000-0000000000bb';
    expect(checkSchema(ListeningFilter, { event: `${a}, ${b},${a.toLowerCase()},`, q: '  ' })).toEqual({
      ok: true,
      value: { event: [a.toLowerCase(), b] },
    });
    expect(checkSchema(ListeningFilter, { event: 'nope' })).toEqual({ ok: false, errors: [{ field: 'event', code: 'invalid-format' }] });
    expect(checkSchema(ListeningFilter, { q: 'q'.repeat(201) })).toEqual({ ok: false, errors: [{ field: 'q', code: 'too-long' }] });
    expect(checkSchema(ListeningFilter, { from: '2026-02-31' })).toEqual({ ok: false, errors: [{ field: 'from', code: 'invalid-format' }] });
    expect(checkSchema(ListeningExportQuery, { format: 'xlsx' })).toEqual({ ok: false, errors: [{ field: 'format', code: 'invalid-choice' }] });
  });

  it('a redaction is cleaned text of 1 to 2000 characters; a summary may be empty (to clear it)', () => {
    expect(checkSchema(RedactionRequest, { redactedText: ' Call [removed] ' })).toEqual({ ok: true, value: { redactedText: 'Call [removed]' } });
    expect(checkSchema(RedactionRequest, { redactedText: ' ' })).toEqual({ ok: false, errors: [{ field: 'redactedText', code: 'required' }] });
    expect(checkSchema(RedactionRequest, {})).toEqual({ ok: false, errors: [{ field: 'redactedText', code: 'required' }] });
    expect(checkSchema(SummaryRequest, { summary: '' })).toEqual({ ok: true, value: { summary: '' } });
    expect(checkSchema(SummaryRequest, { summary: 's'.repeat(2001) })).toEqual({ ok: false, errors: [{ field: 'summary', code: 'too-long' }] });
  });

  it('an outcome needs a profile theme and English text in both parts; empty languages are dropped', () => {
    const schema = outcomeRequest(lutonProfile);
    expect(checkSchema(schema, { theme: 'youth', youSaid: { en: ' More clubs ', pl: ' ' }, weDid: { en: 'Two clubs', ur: 'دو کلب' } })).toEqual({
      ok: true,
      value: { theme: 'youth', youSaid: { en: 'More clubs' }, weDid: { en: 'Two clubs', ur: 'دو کلب' } },
    });
    expect(checkSchema(schema, { theme: 'sport', youSaid: { en: 'a' }, weDid: { en: 'b' } })).toEqual({ ok: false, errors: [{ field: 'theme', code: 'invalid-choice' }] });
    expect(checkSchema(OutcomeText, { ur: 'صرف' })).toEqual({ ok: false, errors: [{ field: '_', code: 'required' }] });
    expect(checkSchema(OutcomeText, { en: 'x'.repeat(2001) })).toEqual({ ok: false, errors: [{ field: 'en', code: 'too-long' }] });
  });
});

describe('the listening report', () => {
  let n = 0;
  const point = (over: Partial<ReportPoint> = {}): ReportPoint => {
    n += 1;
    return {
      id: `p${String(n).padStart(5, '0')}`,
      eventId: 'e1',
      theme: 'youth',
      lens: 'voice',
      text: `point ${n}`,
      form: 'quote',
      createdAt: `2026-03-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
      review: 'clear',
      redactedText: null,
      ...over,
    };
  };
  const build = (points: ReportPoint[], q?: string) =>
    listeningReport({ profile: lutonProfile, points, events: [{ id: 'e1', title: 'E1', startsAt: '2026-03-01T09:00:00.000Z', ward: null, attendance: 7 }], summaries: { youth: 'Fairness for young people' }, q, keepEmptyEvents: true });

  it('has a row per profile theme and a column per lens even with no points', () => {
    const r = build([]);
    expect(r.rows.map((row) => row.theme)).toEqual(lutonProfile.themes.map((t) => t.id));
    for (const row of r.rows) expect(Object.keys(row.cells)).toEqual(['voice', 'change', 'partnership']);
    expect(r.rows[0]?.summary).toBe('Fairness for young people');
    expect(r.rows[1]?.summary).toBeNull();
    expect(r.events).toEqual([{ eventId: 'e1', title: 'E1', startsAt: '2026-03-01T09:00:00.000Z', attendance: 7, points: 0, held: 0 }]);
    expect(r.totals).toEqual({ points: 0, attendance: 7, events: 1 });
  });

  it('leaves held points out (counting them), shows redacted ones with the redacted text, and never searches held text', () => {
    const held = point({ review: 'held', text: 'call 07700 900123', createdAt: '2026-03-02T10:00:01.000Z' });
    const redacted = point({ review: 'held', text: 'call 07700 900123', redactedText: 'call [removed]', createdAt: '2026-03-02T10:00:02.000Z' });
    const r = build([point({ createdAt: '2026-03-02T10:00:00.000Z' }), held, redacted]);
    expect(r.held).toBe(1);
    expect(r.rows[0]?.held).toBe(1);
    expect(r.rows[0]?.cells['voice']?.statements.map((s) => s.text)).toEqual([expect.stringMatching(/^point/), 'call [removed]']);
    expect(JSON.stringify(r)).not.toContain('07700');
    expect(build([held], '07700').totals.points).toBe(0);
    expect(build([redacted], 'REMOVED').totals.points).toBe(1);
  });

  it('gives a theme or lens the profile no longer has a row or column of its own', () => {
    const r = build([point({ theme: 'transport', lens: 'hindsight' })]);
    expect(r.rows.at(-1)).toMatchObject({ theme: 'transport', label: { en: 'transport' }, total: 1 });
    expect(r.lenses.at(-1)).toEqual({ id: 'hindsight', label: { en: 'hindsight' } });
    expect(r.rows.at(-1)?.cells['hindsight']?.count).toBe(1);
  });

  it(`keeps the count exact but at most ${REPORT_STATEMENTS_PER_CELL} statements in a cell, the newest`, () => {
    const many = Array.from({ length: REPORT_STATEMENTS_PER_CELL + 5 }, (_, i) => point({ createdAt: `2026-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z` }));
    const cell = build(many).rows[0]?.cells['voice'];
    expect(cell?.count).toBe(REPORT_STATEMENTS_PER_CELL + 5);
    expect(cell?.statements).toHaveLength(REPORT_STATEMENTS_PER_CELL);
    expect(cell?.statements.at(-1)?.id).toBe(many.at(-1)?.id);
  });
});

describe('the catalog', () => {
  it('parses a catalog from before outcomes and events, with both empty', () => {
    const parsed = v.parse(Catalog, { apiVersion: 1, profile: lutonProfile, counts: { pledges: 0 } });
    expect(parsed.outcomes).toEqual([]);
    expect(parsed.events).toEqual([]);
  });

  it('parses published outcomes and upcoming events', () => {
    const parsed = v.parse(Catalog, {
      apiVersion: 1,
      profile: lutonProfile,
      counts: { pledges: 0 },
      outcomes: [{ id: 'o1', theme: 'youth', eventId: null, youSaid: { en: 'a' }, weDid: { en: 'b' }, publishedAt: '2026-03-01T10:00:00.000Z' }],
      events: [{ id: 'e1', title: 'Forum', startsAt: '2026-03-10T10:00:00.000Z', venue: null, ward: 'biscot', themes: ['youth'] }],
    });
    expect(parsed.outcomes).toHaveLength(1);
    expect(parsed.events?.[0]?.ward).toBe('biscot');
  });
});
