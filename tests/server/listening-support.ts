/**
 * Shared by the listening-* server tests: records of the listening kinds as a device sends them, a sync
 * call with a device token, and a world with one staff member per role and an enrolled outreach tablet,
 * all made through the real flows (setup link, device invite and enrolment).
 */
import { v7 } from 'uuid';
import { expect } from 'vitest';
import { staffRoles, type StaffRole } from '../../src/core/staff';
import type { Database } from '../../src/server/db/schema';
import { createStaff, enrolDevice, startServer, type ServerOptions, type StaffMember, type TestDatabase, type TestServer } from './harness';

export interface Result {
  id: string;
  status: 'stored' | 'duplicate' | 'rejected';
  reason?: string;
  field?: string;
  code?: string;
}

export interface ListeningRecord {
  id: string;
  kind: string;
  schemaVersion: number;
  createdAt: string;
  locale: string;
  data: Record<string, unknown>;
}

/** A record of any kind; `data` fields set to undefined are left out. */
export function record(kind: string, data: Record<string, unknown>, envelope: Partial<Omit<ListeningRecord, 'data'>> = {}): ListeningRecord {
  const clean = { ...data };
  for (const key of Object.keys(clean)) if (clean[key] === undefined) delete clean[key];
  return { id: v7(), kind, schemaVersion: 1, createdAt: new Date().toISOString(), locale: 'en', ...envelope, data: clean };
}

let events = 0;
export function eventRecord(data: Record<string, unknown> = {}, envelope: Partial<Omit<ListeningRecord, 'data'>> = {}): ListeningRecord {
  events += 1;
  return record('event', { title: `Listening circle ${events}`, startsAt: '2026-03-07T10:00:00.000Z', venue: 'Central Library', ward: 'high-town', themes: ['youth', 'community'], ...data }, envelope);
}

export function feedbackRecord(eventId: string, data: Record<string, unknown> = {}, envelope: Partial<Omit<ListeningRecord, 'data'>> = {}): ListeningRecord {
  return record('feedback', { eventId, theme: 'youth', lens: 'voice', text: 'Young people are listened to but nothing changes.', form: 'quote', source: 'worker', ...data }, envelope);
}

export function attendanceRecord(eventId: string, count: number, data: Record<string, unknown> = {}, envelope: Partial<Omit<ListeningRecord, 'data'>> = {}): ListeningRecord {
  return record('attendance', { eventId, count, ...data }, envelope);
}

/** POST /api/v1/sync as an enrolled device (or, with no token, as a resident's phone). */
export async function deviceSync(server: TestServer, token: string | undefined, records: unknown[]) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  return server.sync({ records }, { headers });
}

/** As deviceSync, expecting 200 and one result per record; returns the results. */
export async function deviceSyncOk(server: TestServer, token: string | undefined, records: unknown[]): Promise<Result[]> {
  const res = await deviceSync(server, token, records);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.results).toHaveLength(records.length);
  return res.body.results as Result[];
}

export interface ListeningWorld {
  server: TestServer;
  staff: Record<StaffRole, StaffMember>;
  device: { deviceId: string; token: string };
}

/** A server with an admin, an analyst and a coordinator signed in, and one enrolled tablet. */
export async function listeningWorld(database: TestDatabase, options: ServerOptions = {}): Promise<ListeningWorld> {
  const server = await startServer(database, { loginRate: { capacity: 1000, refillPerSecond: 100 }, ...options });
  const now = options.now;
  const staff = {} as Record<StaffRole, StaffMember>;
  for (const role of staffRoles) staff[role] = await createStaff(server, { email: `${role}@example.org`, role, ...(now ? { now } : {}) });
  const device = await enrolDevice(server, staff.admin, 'Market stall tablet');
  return { server, staff, device };
}

/** Rows of a table for some ids, by id. */
export async function rowsById<T extends 'events' | 'feedback' | 'attendance' | 'records' | 'outcomes'>(server: TestServer, table: T, ids: string[]): Promise<Database[T][]> {
  if (ids.length === 0) return [];
  const rows = await server.db.selectFrom(table as 'records').selectAll().where('id', 'in', ids).execute();
  return rows as unknown as Database[T][];
}

/** Number of rows in any table. */
export async function countRows(server: TestServer, table: 'events' | 'feedback' | 'attendance' | 'records' | 'pledges' | 'outcomes'): Promise<number> {
  const row = await server.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A simple CSV reader (quoted cells, doubled quotes, CRLF rows) for checking exports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
