import * as v from 'valibot';
import type { LocalizedText, TownProfile } from './schema';

const Text = v.pipe(v.string(), v.minLength(1), v.maxLength(4000));
const ById = v.record(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)), Text);

/**
 * The town profile's own words in one language (src/core/profile/texts/<code>.json): campaign name, themes,
 * lenses, pledge and privacy texts, keyed by the profile's ids. A translator writes one such file; English
 * (en.json) is the source every other file follows.
 */
export const ProfileTexts = v.strictObject({
  /** Optional, as in the locale files: whether a native speaker has checked this translation. */
  meta: v.optional(v.object({ reviewed: v.boolean() })),
  campaign: Text,
  themes: ById,
  lenses: ById,
  pledge: v.strictObject({ title: Text, intro: Text, commitments: ById }),
  privacy: v.strictObject({ pledgeEmail: Text, notice: Text }),
});
export type ProfileTexts = v.InferOutput<typeof ProfileTexts>;

/** Add one language's texts to a profile. Texts for ids the profile does not have are ignored. */
export function withProfileTexts(profile: TownProfile, code: string, texts: ProfileTexts): TownProfile {
  const add = (text: LocalizedText, value: string | undefined): LocalizedText => (value ? { ...text, [code]: value } : text);
  return {
    ...profile,
    campaign: add(profile.campaign, texts.campaign),
    themes: profile.themes.map((t) => ({ ...t, label: add(t.label, texts.themes[t.id]) })),
    lenses: profile.lenses.map((l) => ({ ...l, label: add(l.label, texts.lenses[l.id]) })),
    pledge: {
      ...profile.pledge,
      title: add(profile.pledge.title, texts.pledge.title),
      intro: add(profile.pledge.intro, texts.pledge.intro),
      commitments: profile.pledge.commitments.map((c) => ({ ...c, text: add(c.text, texts.pledge.commitments[c.id]) })),
    },
    privacy: {
      ...profile.privacy,
      pledgeEmail: add(profile.privacy.pledgeEmail, texts.privacy.pledgeEmail),
      notice: add(profile.privacy.notice, texts.privacy.notice),
    },
  };
}
