/**
 * Outreach devices: an admin invites one (a one-time code, a link and its QR code), the device enrols with
 * the code and gets a bearer token, its syncs are attributed to it, and revoking it stops them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  auditEntries,
  createStaff,
  databases,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  pledge,
  startServer,
  testClock,
  type RecordInput,
  type StaffMember,
  type TestServer,
} from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const PUBLIC_ORIGIN = 'https://manyvoices.example.gov.uk';

for (const database of databases()) {
  describe(`outreach devices on ${database.name}`, () => {
    const clock = testClock('2026-04-01T08:00:00.000Z');
    let server: TestServer;
    let admin: StaffMember;
    beforeAll(async () => {
      server = await startServer(database, { now: clock.now, publicOrigin: PUBLIC_ORIGIN, loginRate: { capacity: 1000, refillPerSecond: 100 } });
      admin = await createStaff(server, { email: 'admin@example.org', role: 'admin', now: clock.now });
    });
    afterAll(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      if ((await admin.get('/me')).status !== 200) await admin.signIn();
    });

    const enrol = async (code: unknown) => {
      const res = await server.fetch('/api/v1/devices/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const invite = async (name: string) => {
      const res = await admin.post('/devices/invites', { name });
      expect(res.status, res.text).toBe(201);
      return res.body as { code: string; link: string; qrSvg: string; expiresAt: string };
    };
    const syncAs = (token: string, records: RecordInput[]) => server.sync({ records }, { headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    const listed = async (id: string) => {
      const res = await admin.get('/devices');
      expect(res.status).toBe(200);
      return (res.body.devices as any[]).find((d) => d.id === id);
    };

    it('an invite is a one-time code, a link to /enrol#CODE on the public origin, and an SVG QR code', async () => {
      const body = await invite('  Library   tablet  ');
      expect(body.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(body.link).toBe(`${PUBLIC_ORIGIN}/enrol#${body.code}`);
      expect(body.qrSvg.trimStart()).toMatch(/^<svg[\s>]/);
      expect(body.qrSvg.trimEnd()).toMatch(/<\/svg>$/);
      expect(body.expiresAt).toBe(new Date(clock.now().getTime() + DAY_MS).toISOString());
      // Stored hashed: the code itself is nowhere in the database.
      const tokens = await server.db.selectFrom('one_time_tokens').selectAll().where('purpose', '=', 'device-invite').execute();
      expect(JSON.stringify(tokens)).not.toContain(body.code);
      expect((await auditEntries(server, 'device-invited')).at(-1)).toMatchObject({ actor: 'admin@example.org', subject: 'Library tablet' });
    });

    it('enrolling with the code gives a device id and a token, once', async () => {
      const { code } = await invite('Market stall phone');
      const first = await enrol(code);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ deviceId: expect.any(String), name: 'Market stall phone', token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) });
      const again = await enrol(code);
      expect(again.status).toBe(410);
      expect(again.body).toEqual({ error: 'link-invalid' });
      expect(await server.db.selectFrom('devices').select('id').where('name', '=', 'Market stall phone').execute()).toHaveLength(1);
      const row = await server.db.selectFrom('devices').selectAll().where('id', '=', first.body.deviceId).executeTakeFirstOrThrow();
      expect(row.token_hash).not.toBe(first.body.token);
      expect(row).toMatchObject({ enrolled_by: admin.id, revoked_at: null, last_sync_at: null });
      expect((await auditEntries(server, 'device-enrolled')).at(-1)).toMatchObject({ actor: `device:${first.body.deviceId}` });
    });

    it('an invite expires after 24 hours', async () => {
      const early = await invite('Early tablet');
      const late = await invite('Late tablet');
      clock.advance(24 * HOUR_MS - MINUTE_MS);
      expect((await enrol(early.code)).status).toBe(201);
      clock.advance(2 * MINUTE_MS);
      const res = await enrol(late.code);
      expect(res.status).toBe(410);
      expect(res.body).toEqual({ error: 'link-invalid' });
      expect(await server.db.selectFrom('devices').select('id').where('name', '=', 'Late tablet').execute()).toEqual([]);
    });

    it('an unknown or malformed code is refused, never a device', async () => {
      const before = await server.db.selectFrom('devices').select('id').execute();
      expect((await enrol('Z'.repeat(32))).status).toBe(410);
      const short = await enrol('abc');
      expect(short.status).toBe(400);
      expect(short.body.fields).toEqual([{ field: 'code', code: 'invalid-format' }]);
      expect((await enrol(12345)).status).toBe(400);
      expect(await server.db.selectFrom('devices').select('id').execute()).toEqual(before);
    });

    it('syncs with the token are stored with the device; the devices list counts them and the refusals by reason', async () => {
      const { code } = await invite('Counting tablet');
      const { body: device } = await enrol(code);
      const good = pledge({ name: 'Device Person' });
      const res = await syncAs(device.token, [good]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results).toEqual([{ id: good.id, status: 'stored' }]);
      expect(await server.db.selectFrom('records').select('device_id').where('id', '=', good.id).executeTakeFirst()).toEqual({ device_id: device.deviceId });

      let entry = await listed(device.deviceId);
      expect(entry).toMatchObject({ name: 'Counting tablet', enrolledBy: 'admin@example.org', revokedAt: null, received: 1, lastSyncAt: res.body.receivedAt, refused: [] });

      clock.advance(MINUTE_MS);
      const bad = pledge({ ward: 'atlantis' });
      const badAgain = pledge({ ward: 'atlantis' });
      const unknownKind = { ...pledge(), kind: 'petition' };
      const second = await syncAs(device.token, [bad, badAgain, unknownKind as RecordInput]);
      expect(second.status).toBe(200);
      expect(second.body.results.map((r: { reason?: string }) => r.reason)).toEqual(['invalid-field', 'invalid-field', 'unknown-kind']);
      entry = await listed(device.deviceId);
      expect(entry.received).toBe(1);
      expect(entry.lastSyncAt).toBe(second.body.receivedAt);
      expect(entry.refused).toEqual(
        expect.arrayContaining([
          { reason: 'invalid-field', count: 2 },
          { reason: 'unknown-kind', count: 1 },
        ]),
      );
      expect(entry.refused).toHaveLength(2);
      // A resident's own phone (no token) counts for no device.
      await server.sync({ records: [pledge()] });
      expect((await listed(device.deviceId)).received).toBe(1);
    });

    it('a token that is not a device is refused whole: 401 device-unknown, nothing stored', async () => {
      const before = await server.count('records');
      const res = await syncAs('x'.repeat(32), [pledge()]);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'device-unknown' });
      const malformed = await server.sync({ records: [pledge()] }, { headers: { 'content-type': 'application/json', authorization: 'Basic abc' } });
      expect(malformed.status).toBe(401);
      expect(await server.count('records')).toBe(before);
    });

    it('revoking a device: its next sync is 401 device-revoked and stores nothing; re-enrolled, the same records go through', async () => {
      const { code } = await invite('Lost tablet');
      const { body: device } = await enrol(code);
      const first = pledge({ name: 'Before Revocation' });
      expect((await syncAs(device.token, [first])).body.results).toEqual([{ id: first.id, status: 'stored' }]);
      const syncedAt = (await listed(device.deviceId)).lastSyncAt;

      clock.advance(MINUTE_MS);
      const revoke = await admin.post(`/devices/${device.deviceId}/revoke`);
      expect(revoke.status, revoke.text).toBe(200);
      expect((await auditEntries(server, 'device-revoked')).at(-1)).toMatchObject({ actor: 'admin@example.org', subject: device.deviceId });
      const entry = await listed(device.deviceId);
      expect(entry.revokedAt).toBe(clock.now().toISOString());

      const held = [pledge({ name: 'Kept On Device', message: 'See you at the fair', showMessage: true }), pledge({ name: 'Also Kept' })];
      const records = await server.count('records');
      const pledges = await server.count('pledges');
      clock.advance(MINUTE_MS);
      const refused = await syncAs(device.token, held);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: 'device-revoked' });
      expect(await server.count('records')).toBe(records);
      expect(await server.count('pledges')).toBe(pledges);
      expect((await listed(device.deviceId)).lastSyncAt).toBe(syncedAt);
      // Revoking twice, or an unknown device, is 404.
      expect((await admin.post(`/devices/${device.deviceId}/revoke`)).status).toBe(404);
      expect((await admin.post('/devices/00000000-0000-7000-8000-000000000000/revoke')).status).toBe(404);

      // Re-enrolled with a fresh invite: the same records go through, now from the new device.
      const { code: code2 } = await invite('Lost tablet');
      const { body: again } = await enrol(code2);
      expect(again.deviceId).not.toBe(device.deviceId);
      const res = await syncAs(again.token, held);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual(held.map((r) => ({ id: r.id, status: 'stored' })));
      expect((await listed(again.deviceId)).received).toBe(2);
      expect((await listed(device.deviceId)).received).toBe(1);
      // The old token stays dead.
      expect((await syncAs(device.token, [pledge()])).status).toBe(401);
    });
  });
}
