import * as v from 'valibot';
import type { TownProfile } from '../../core/profile/schema';
import { ProfileTexts, withProfileTexts } from '../../core/profile/texts';

/**
 * The built-in profile's texts in each language but English, one chunk each (precached like the locale
 * chunks), so a first visit downloads only the language in use. English comes with the profile itself.
 * This module is loaded on demand too: a device with the server's catalog never needs it.
 */
const loaders = import.meta.glob<unknown>(['../../core/profile/texts/*.json', '!**/en.json'], { import: 'default' });

/** The profile with the built-in texts of one language added, or undefined when there are none. */
export async function withBuiltInTexts(profile: TownProfile, code: string): Promise<TownProfile | undefined> {
  const load = loaders[`../../core/profile/texts/${code}.json`];
  if (!load) return undefined;
  const parsed = v.safeParse(ProfileTexts, await load());
  return parsed.success ? withProfileTexts(profile, code, parsed.output) : undefined;
}
