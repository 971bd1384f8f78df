import { readFileSync, readdirSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { lutonProfileWithTexts } from '../../src/core/profile/lutonWithTexts';
import { localize, TownProfile } from '../../src/core/profile/schema';
import { ProfileTexts } from '../../src/core/profile/texts';
import { lutonTexts } from '../../src/core/profile/texts/index';

/** The town profile's own words per language (src/core/profile/texts/<code>.json). */
const dir = 'src/core/profile/texts';
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
const load = (code: string) => JSON.parse(readFileSync(`${dir}/${code}.json`, 'utf8')) as unknown;
const idsOf = (t: ProfileTexts) => ({
  themes: Object.keys(t.themes).sort(),
  lenses: Object.keys(t.lenses).sort(),
  commitments: Object.keys(t.pledge.commitments).sort(),
});

describe('profile texts', () => {
  it('are listed for the server, every file but English', () => {
    expect(Object.keys(lutonTexts).sort()).toEqual(files.filter((c) => c !== 'en').sort());
  });

  it('exist only for languages the profile offers', () => {
    const offered = lutonProfile.languages.map((l) => l.code);
    for (const code of files) expect(offered, code).toContain(code);
  });

  const en = v.parse(ProfileTexts, load('en'));
  for (const code of files) {
    it(`${code}: has every text English has, none empty, for the profile's own ids`, () => {
      const parsed = v.safeParse(ProfileTexts, load(code));
      expect(parsed.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) ?? []).toEqual([]);
      if (!parsed.success) return;
      expect(idsOf(parsed.output)).toEqual(idsOf(en));
      expect(idsOf(en)).toEqual({
        themes: lutonProfile.themes.map((t) => t.id).sort(),
        lenses: lutonProfile.lenses.map((l) => l.id).sort(),
        commitments: lutonProfile.pledge.commitments.map((c) => c.id).sort(),
      });
    });
  }

  it("the server's profile carries every language's texts; the app's built-in one English only", () => {
    expect(v.safeParse(TownProfile, lutonProfileWithTexts).success).toBe(true);
    expect(localize(lutonProfileWithTexts.pledge.title, 'ur')).toEqual({ text: (load('ur') as ProfileTexts).pledge.title, lang: 'ur', fallback: false });
    expect(localize(lutonProfileWithTexts.themes[1]!.label, 'pl').text).toBe('Mieszkalnictwo i bezdomność');
    expect(Object.keys(lutonProfile.pledge.intro)).toEqual(['en']);
    // A language without texts reads English, marked as a fallback.
    expect(localize(lutonProfile.pledge.intro, 'ur')).toMatchObject({ lang: 'en', fallback: true });
  });
});
