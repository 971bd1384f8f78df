import * as v from 'valibot';

/** Text that staff write, per language code; English is required and is the fallback. */
export const LocalizedText = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)), v.pipe(v.string(), v.maxLength(4000))),
  v.check((t) => typeof t['en'] === 'string' && t['en'].trim().length > 0, 'required'),
);
export type LocalizedText = v.InferOutput<typeof LocalizedText>;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'invalid-format'));

export const Language = v.object({
  code: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)),
  /** The language's name in its own script, for the picker. */
  nativeName: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  /** Its English name, for staff and for screen readers announcing the option. */
  englishName: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  dir: v.picklist(['ltr', 'rtl']),
});
export type Language = v.InferOutput<typeof Language>;

/** Census reference proportions: percentages per category value, and their source (shown beside them). */
export const ReferenceProportions = v.object({
  source: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(400, 'too-long')),
  categories: v.record(
    v.picklist(['ageBand', 'gender', 'ethnicity', 'disability', 'ward', 'religion'], 'invalid-choice'),
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(60)), v.pipe(v.number('invalid-type'), v.minValue(0, 'invalid-format'), v.maxValue(100, 'invalid-format'))),
      // Rounded census percentages may add up to a little over 100, never much more.
      v.check((shares) => Object.values(shares).reduce((a, b) => a + b, 0) <= 101, 'invalid-format'),
    ),
  ),
});
export type ReferenceProportions = v.InferOutput<typeof ReferenceProportions>;

export const TownProfile = v.object({
  id: Id,
  townName: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  councilName: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
  campaign: LocalizedText,
  languages: v.pipe(
    v.array(Language),
    v.minLength(1),
    v.check((ls) => ls.some((l) => l.code === 'en'), 'English must be one of the languages'),
  ),
  wards: v.array(v.object({ id: Id, name: v.pipe(v.string(), v.minLength(1), v.maxLength(80)) })),
  /** Where the ward list comes from, shown to staff so they can check it. */
  wardsSource: v.pipe(v.string(), v.maxLength(400)),
  themes: v.array(v.object({ id: Id, label: LocalizedText })),
  lenses: v.array(v.object({ id: Id, label: LocalizedText })),
  pledge: v.object({
    /** Bumped when the wording changes, and stored with each pledge, so we know what was signed. */
    version: v.pipe(v.string(), v.minLength(1), v.maxLength(20)),
    title: LocalizedText,
    intro: LocalizedText,
    commitments: v.pipe(v.array(v.object({ id: Id, text: LocalizedText })), v.minLength(1)),
    /** A British Sign Language version of the pledge, where the council has one. */
    bslVideoUrl: v.optional(v.pipe(v.string(), v.url())),
  }),
  privacy: v.object({
    controller: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    contact: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    /** The just-in-time notice shown beside the email field of the pledge. */
    pledgeEmail: LocalizedText,
    /** The full notice, on its own page. */
    notice: LocalizedText,
  }),
  retention: v.object({
    pledgeEmailMonths: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)),
  }),
  access: v.object({
    videoRelayUrl: v.optional(v.pipe(v.string(), v.url())),
  }),
  /**
   * The town's make-up that "who is missing" compares panel sign-ups with: per category (ageBand, gender,
   * ethnicity, disability, ward, religion: see core/panels/answers.ts) and value, the share of the town in
   * percent, with where the figures come from. Staff enter census figures; a profile ships none.
   */
  reference: v.optional(ReferenceProportions),
});
export type TownProfile = v.InferOutput<typeof TownProfile>;

/** Staff text in the reader's language, or English, saying which one it is so the UI can mark a fallback. */
export function localize(text: LocalizedText, lang: string): { text: string; lang: string; fallback: boolean } {
  const own = text[lang];
  if (own && own.trim()) return { text: own, lang, fallback: false };
  return { text: text['en'] ?? '', lang: 'en', fallback: lang !== 'en' };
}
