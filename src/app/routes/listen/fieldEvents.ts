import type { PublicEvent } from '../../../core/sync';
import { getMeta, setMeta, type ManyVoicesDb } from '../../data/db';

/**
 * The events a worker can record at: staff-planned ones from the catalog, and the pop-up events this
 * device started. Pop-ups are remembered here (id, title, time: not personal data) so they can still be
 * chosen after their record was sent and its content left the device. Also which event is selected.
 */
export interface FieldEvent {
  id: string;
  title: string;
  startsAt: string;
  venue?: string | undefined;
  themes?: string[] | undefined;
  /** Started on this device rather than planned by staff. */
  popUp: boolean;
}

interface ListenMeta {
  popUps: FieldEvent[];
  selected?: string | undefined;
}

const KEY = 'listen';
/** Pop-ups older than this are no longer offered. */
const KEEP_POP_UPS_MS = 30 * 24 * 3600_000;

export async function listenMeta(db: ManyVoicesDb): Promise<ListenMeta> {
  return (await getMeta<ListenMeta>(db, KEY)) ?? { popUps: [] };
}

/** Remember a pop-up this device started, and select it. */
export async function rememberPopUp(db: ManyVoicesDb, event: FieldEvent, now = Date.now()): Promise<void> {
  const meta = await listenMeta(db);
  const popUps = [event, ...meta.popUps.filter((e) => e.id !== event.id && now - Date.parse(e.startsAt) < KEEP_POP_UPS_MS)];
  await setMeta(db, KEY, { popUps, selected: event.id } satisfies ListenMeta);
}

export async function selectEvent(db: ManyVoicesDb, id: string): Promise<void> {
  const meta = await listenMeta(db);
  await setMeta(db, KEY, { ...meta, selected: id } satisfies ListenMeta);
}

/** Every event to choose from, soonest first: the catalog's upcoming events and this device's pop-ups. */
export function eventsToChoose(catalogEvents: readonly PublicEvent[], popUps: readonly FieldEvent[]): FieldEvent[] {
  const planned: FieldEvent[] = catalogEvents.map((e) => ({
    id: e.id,
    title: e.title,
    startsAt: e.startsAt,
    venue: e.venue ?? undefined,
    themes: e.themes,
    popUp: false,
  }));
  const seen = new Set(planned.map((e) => e.id));
  return [...planned, ...popUps.filter((e) => !seen.has(e.id))].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
}
