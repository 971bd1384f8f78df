import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ManyVoicesDb } from '../../src/app/data/db';
import { correctRecord, discardRecord, saveRecord } from '../../src/app/data/records';
import { eventsToChoose, listenMeta, rememberPopUp } from '../../src/app/routes/listen/fieldEvents';
import { headCounts, workerPoints } from '../../src/app/routes/listen/points';
import { fieldSpecs } from '../../src/app/routes/listen/specs';
import { lutonProfile } from '../../src/core/profile/luton';

const opened: ManyVoicesDb[] = [];
const freshDb = () => {
  const db = new ManyVoicesDb(`listen-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const specs = fieldSpecs(lutonProfile);
const EVENT = '01900000-0000-7000-8000-00000000000a';
const OTHER = '01900000-0000-7000-8000-00000000000b';
const point = (text: string, extra: Record<string, unknown> = {}) => ({ eventId: EVENT, theme: 'youth', lens: 'voice', text, form: 'summary', source: 'worker', ...extra });

describe("the worker's own points on the device", () => {
  it('lists the worker points of this event, never a resident’s kiosk feedback', async () => {
    const db = freshDb();
    await saveRecord(db, specs.feedback, point('First point'), 'en');
    await saveRecord(db, specs.feedback, point('Typed by a resident at the kiosk', { source: 'resident', form: 'quote' }), 'en');
    await saveRecord(db, specs.feedback, point('Another event', { eventId: OTHER }), 'en');
    await saveRecord(db, specs.feedback, point('Second point', { theme: 'housing', ageBand: '16-24' }), 'en');
    const listed = await workerPoints(db, EVENT);
    expect(listed.map((p) => p.text)).toEqual(['First point', 'Second point']);
    expect(listed[1]).toMatchObject({ theme: 'housing', ageBand: '16-24', status: 'editable' });
    expect(JSON.stringify(listed)).not.toContain('resident');
  });

  it('shows a point as being sent, with no edit, once its first send started', async () => {
    const db = freshDb();
    const saved = await saveRecord(db, specs.feedback, point('Frozen soon'), 'en');
    if (!saved.ok) throw new Error('not saved');
    await db.outbox.update(saved.id, { frozen: true });
    expect((await workerPoints(db, EVENT))[0]?.status).toBe('sending');
    await expect(correctRecord(db, specs.feedback, saved.id, point('Changed'))).resolves.toEqual({ ok: false, reason: 'frozen' });
    await expect(discardRecord(db, saved.id)).resolves.toBe(false);
  });

  it('refuses empty and over-long text before saving, naming the field', async () => {
    const db = freshDb();
    await expect(saveRecord(db, specs.feedback, point('   '), 'en')).resolves.toMatchObject({ ok: false, errors: [{ field: 'text', code: 'required' }] });
    await expect(saveRecord(db, specs.feedback, point('x'.repeat(2001)), 'en')).resolves.toMatchObject({ ok: false, errors: [{ field: 'text', code: 'too-long' }] });
    expect(await db.outbox.count()).toBe(0);
  });

  it('lists head counts of the event', async () => {
    const db = freshDb();
    await saveRecord(db, specs.attendance, { eventId: EVENT, count: 12 }, 'en');
    await saveRecord(db, specs.attendance, { eventId: OTHER, count: 3 }, 'en');
    expect((await headCounts(db, EVENT)).map((h) => h.count)).toEqual([12]);
  });
});

describe('events to choose', () => {
  it('keeps a pop-up selectable after its record left the device, beside the catalog events, soonest first', async () => {
    const db = freshDb();
    const saved = await saveRecord(db, specs.event, { title: 'Pop-up, Bury Park market', startsAt: '2026-03-07T10:00:00.000Z', themes: ['youth'] }, 'en');
    if (!saved.ok) throw new Error('not saved');
    await rememberPopUp(db, { id: saved.id, title: 'Pop-up, Bury Park market', startsAt: '2026-03-07T10:00:00.000Z', popUp: true }, Date.parse('2026-03-07T11:00:00Z'));
    await db.records.delete(saved.id);
    await db.outbox.delete(saved.id);
    const meta = await listenMeta(db);
    expect(meta.selected).toBe(saved.id);
    const planned = [{ id: EVENT, title: 'Library circle', startsAt: '2026-03-06T10:00:00.000Z', venue: null, ward: null, themes: ['youth'] }];
    expect(eventsToChoose(planned, meta.popUps).map((e) => [e.title, e.popUp])).toEqual([
      ['Library circle', false],
      ['Pop-up, Bury Park market', true],
    ]);
  });
});
