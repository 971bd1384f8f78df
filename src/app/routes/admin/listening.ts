import { localize, type TownProfile } from '../../../core/profile/schema';
import { language } from '../../i18n';
import { staffProfile } from './session';

/**
 * What the listening pages of the console share: the shapes the staff API answers with, and the profile's
 * theme and lens names in the reader's language (English where the profile has no translation).
 */

export interface EventRow {
  id: string;
  title: string;
  startsAt: string;
  venue: string | null;
  ward: string | null;
  themes: string[];
  source: 'staff' | 'device';
  points: number;
  held: number;
  attendance: number;
}

export interface OutcomeRow {
  id: string;
  theme: string;
  eventId: string | null;
  youSaid: Record<string, string>;
  weDid: Record<string, string>;
  publishedAt: string | null;
  createdAt: string;
}

type Labelled = { id: string; label: TownProfile['themes'][number]['label'] };

function labelOf(list: Labelled[] | undefined, id: string): { text: string; lang: string } {
  const found = list?.find((x) => x.id === id);
  if (!found) return { text: id, lang: 'en' };
  const shown = localize(found.label, language());
  return { text: shown.text, lang: shown.lang };
}

export const themeLabel = (id: string) => labelOf(staffProfile()?.themes, id);
export const lensLabel = (id: string) => labelOf(staffProfile()?.lenses, id);

/** A profile label the report carries with it (themes or lenses no longer in the profile included). */
export function labelText(label: Record<string, string>): { text: string; lang: string } {
  const own = label[language()];
  if (own) return { text: own, lang: language() };
  return { text: label['en'] ?? Object.values(label)[0] ?? '', lang: 'en' };
}
