import * as v from 'valibot';
import { lutonProfile } from './luton';
import type { TownProfile } from './schema';
import { ProfileTexts, withProfileTexts } from './texts';
import { lutonTexts } from './texts/index';

/** The Luton profile with every language's texts: what the server serves in its catalog by default. */
export const lutonProfileWithTexts: TownProfile = Object.entries(lutonTexts).reduce(
  (profile, [code, texts]) => withProfileTexts(profile, code, v.parse(ProfileTexts, texts)),
  lutonProfile,
);
