import type { StaffPanel } from '../../../../core/panels/panel';
import { api, type Answer } from '../api';
import type { PoolMember } from './quotaPlan';
import type { MissingAnswer } from '../../../../core/panels/missing';

/** The staff panels API (/api/v1/staff/panels): what the console's panel pages read and send. */

export type { StaffPanel };

/** One sign-up as a coordinator or admin reads it (contact details included). */
export interface StaffSignup {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  ageBand: string;
  preferredLanguage: string | null;
  preferredLanguageOther: string | null;
  accessNeeds: string[];
  accessNotes: string | null;
  /** The language the resident used the app in. */
  locale: string;
  receivedAt: string;
}

export type { MissingAnswer };

export interface SavedSelection {
  id: string;
  method: string;
  seed: string;
  createdAt: string;
  createdBy: string;
  minProbability: number;
  panel: string[];
  reserves: string[];
}

const panelPath = (id: string) => `/panels/${encodeURIComponent(id)}`;

export const listPanels = () => api<{ panels: StaffPanel[] }>('GET', '/panels');

export async function getPanel(id: string): Promise<Answer<StaffPanel>> {
  const answer = await listPanels();
  if (!answer.ok) return answer;
  const panel = answer.data.panels.find((p) => p.id === id);
  return panel ? { ok: true, data: panel } : { ok: false, error: 'not-found', status: 404 };
}

export const savePanel = (id: string | undefined, body: unknown) =>
  id ? api<{ panel: StaffPanel }>('PUT', panelPath(id), body) : api<{ panel: StaffPanel }>('POST', '/panels', body);

export const getSignups = (id: string) => api<{ signups: StaffSignup[] }>('GET', `${panelPath(id)}/signups`);

export const getPool = (id: string) => api<{ pool: PoolMember[] }>('GET', `${panelPath(id)}/pool`);

export const getMissing = (panel: string | undefined) => api<MissingAnswer>('GET', `/panels/missing${panel ? `?panel=${encodeURIComponent(panel)}` : ''}`);

export const saveSelection = (id: string, body: unknown) => api<{ selection: SavedSelection }>('POST', `${panelPath(id)}/selections`, body);

export const listSelections = (id: string) => api<{ selections: SavedSelection[] }>('GET', `${panelPath(id)}/selections`);

export const selectionCsvPath = (panel: string, selection: string) => `${panelPath(panel)}/selections/${encodeURIComponent(selection)}/export.csv`;
