import { getMeta, setMeta, type ManyVoicesDb } from './db';

/**
 * An outreach device enrolled by staff: its token (sent with every sync) and the hash of the worker's PIN,
 * which guards leaving kiosk mode. Residents' phones have none of this.
 */
export interface DeviceEnrolment {
  deviceId: string;
  name: string;
  token: string;
  enrolledAt: string;
}

const KEY = 'device';
const PIN_KEY = 'devicePin';

export const deviceEnrolment = (db: ManyVoicesDb) => getMeta<DeviceEnrolment>(db, KEY);

export async function saveEnrolment(db: ManyVoicesDb, enrolment: DeviceEnrolment): Promise<void> {
  await setMeta(db, KEY, enrolment);
}

interface PinHash {
  salt: string;
  hash: string;
  iterations: number;
}

const b64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return b64(bits);
}

/** The PIN is kept only as a salted PBKDF2 hash. */
export async function setDevicePin(db: ManyVoicesDb, pin: string): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iterations = 200_000;
  await setMeta(db, PIN_KEY, { salt: b64(salt), hash: await derive(pin, salt, iterations), iterations } satisfies PinHash);
}

export async function checkDevicePin(db: ManyVoicesDb, pin: string): Promise<boolean> {
  const stored = await getMeta<PinHash>(db, PIN_KEY);
  if (!stored) return false;
  return (await derive(pin, fromB64(stored.salt), stored.iterations)) === stored.hash;
}

export const hasDevicePin = async (db: ManyVoicesDb) => (await getMeta<PinHash>(db, PIN_KEY)) !== undefined;
