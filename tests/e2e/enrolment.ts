import type { Page } from 'playwright-core';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import { appReady } from './browser';
import type { RunningServer } from './server';

/**
 * Shared steps of the tests that need an outreach tablet: a staff admin (made through the real one-time
 * setup link and POST /api/v1/staff/setup), a device invite, and the tablet's own enrolment screens.
 */

export interface StaffApi {
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
}

/** An admin signed in to the staff API of an in-process server, with its session cookie. */
export async function staffAdmin(server: RunningServer, email = 'field.admin@example.org'): Promise<StaffApi> {
  const link = await createSetupLink(server.db.db, server.url, new Date(), { email, role: 'admin' });
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (cookie) headers['cookie'] = cookie;
    const res = await fetch(`${server.url}/api/v1/staff${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('mv_session='));
    if (set) cookie = set.split(';')[0] ?? '';
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  const setup = await call('POST', '/setup', { token: link.slice(link.indexOf('#') + 1), password: 'violet-harbour-tiger-92' });
  if (setup.status !== 201) throw new Error(`staff setup answered ${setup.status}: ${JSON.stringify(setup.body)}`);
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

/** A one-time device invite link, as the devices page shows it. */
export async function deviceInvite(admin: StaffApi, name: string): Promise<string> {
  const invite = await admin.post('/devices/invites', { name });
  if (invite.status !== 201) throw new Error(`device invite answered ${invite.status}: ${JSON.stringify(invite.body)}`);
  return invite.body.link as string;
}

/** The tablet opens the invite link, enrols, and its worker sets the PIN. */
export async function enrolTablet(page: Page, invite: string, pin: string): Promise<void> {
  await page.goto(invite);
  await appReady(page);
  await page.getByRole('button', { name: 'Enrol this tablet' }).click();
  await page.fill('#field-pin', pin);
  await page.fill('#field-repeat', pin);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.waitForSelector('text=Tablet enrolled');
}
