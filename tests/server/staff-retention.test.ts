/**
 * Retention: contact details (pledge emails) are deleted once older than the profile's period (24 months by
 * default); the pledge itself stays. Every run is recorded and listed for admins.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { runRetention } from '../../src/server/retention';
import { currentProfile } from '../../src/server/profileStore';
import { createStaff, databases, MINUTE_MS, pledge, startServer, testClock, type StaffMember, type TestServer } from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const NOW = '2026-06-15T12:00:00.000Z';
/** The instant `months` calendar months before NOW. */
const monthsAgo = (months: number) => {
  const d = new Date(NOW);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

for (const database of databases()) {
  describe(`retention on ${database.name}`, () => {
    const clock = testClock(NOW);
    let server: TestServer;
    let admin: StaffMember;
    const old = pledge({ name: 'Old Contact', email: 'old.contact@example.org', emailConsent: true });
    const recent = pledge({ name: 'Recent Contact', email: 'recent.contact@example.org', emailConsent: true });
    const justOver = pledge({ name: 'Just Over', email: 'just.over@example.org', emailConsent: true });
    const justUnder = pledge({ name: 'Just Under', email: 'just.under@example.org', emailConsent: true });
    const noEmail = pledge({ name: 'No Email' });

    /** Sync records as if the server received them at `at`. */
    const syncAt = async (at: Date, records: ReturnType<typeof pledge>[]) => {
      clock.set(at);
      const res = await server.sync({ records });
      expect(res.body.results.every((r: { status: string }) => r.status === 'stored'), JSON.stringify(res.body)).toBe(true);
    };
    const row = (id: string) => server.db.selectFrom('pledges').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    beforeAll(async () => {
      server = await startServer(database, { now: clock.now });
      await syncAt(monthsAgo(25), [old, noEmail]);
      await syncAt(monthsAgo(23), [recent]);
      await syncAt(new Date(monthsAgo(24).getTime() - MINUTE_MS), [justOver]);
      await syncAt(new Date(monthsAgo(24).getTime() + MINUTE_MS), [justUnder]);
      clock.set(NOW);
      admin = await createStaff(server, { email: 'admin@example.org', role: 'admin', now: clock.now });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('the default profile keeps pledge emails 24 months', () => {
      expect(lutonProfile.retention.pledgeEmailMonths).toBe(24);
    });

    it('clears the email and consent of pledges received over 24 months ago, and keeps the rest', async () => {
      const profile = await currentProfile(server.db);
      expect(profile.retention.pledgeEmailMonths).toBe(24);
      const result = await runRetention(server.db, profile, clock.now());
      expect(result).toEqual({ cleared: 2 });

      expect(await row(old.id)).toMatchObject({ name: 'Old Contact', email: null, email_consent: 0 });
      expect(await row(justOver.id)).toMatchObject({ email: null, email_consent: 0 });
      expect(await row(recent.id)).toMatchObject({ email: 'recent.contact@example.org', email_consent: 1 });
      expect(await row(justUnder.id)).toMatchObject({ email: 'just.under@example.org', email_consent: 1 });
      // The pledges themselves stay and still count.
      expect(await server.count('pledges')).toBe(5);
      const catalog = (await (await server.fetch('/api/v1/catalog')).json()) as { counts: { pledges: number } };
      expect(catalog.counts.pledges).toBe(5);
      // Nothing else about the old pledge changed.
      expect(await row(noEmail.id)).toMatchObject({ name: 'No Email', email: null });
    });

    it('records the run, which GET /retention/runs lists for admins, newest first', async () => {
      const runs = await server.db.selectFrom('retention_runs').selectAll().execute();
      expect(runs).toEqual([{ id: expect.any(String), at: NOW, kind: 'pledge-email', cleared: 2 }]);

      // A later run finds nothing more, and is recorded too.
      clock.advance(MINUTE_MS / 2);
      expect(await runRetention(server.db, await currentProfile(server.db), clock.now())).toEqual({ cleared: 0 });
      const res = await admin.get('/retention/runs');
      expect(res.status, res.text).toBe(200);
      expect(res.body.runs).toEqual([
        { id: expect.any(String), at: clock.now().toISOString(), kind: 'pledge-email', cleared: 0 },
        { id: runs[0]?.id, at: NOW, kind: 'pledge-email', cleared: 2 },
      ]);
    });

    it("a profile's shorter period clears more: 12 months takes the 23-month-old email too", async () => {
      const profile = { ...lutonProfile, retention: { pledgeEmailMonths: 12 } };
      expect(await runRetention(server.db, profile, clock.now())).toEqual({ cleared: 2 });
      expect(await row(recent.id)).toMatchObject({ email: null, email_consent: 0 });
      expect(await row(justUnder.id)).toMatchObject({ email: null, email_consent: 0 });
    });
  });
}
