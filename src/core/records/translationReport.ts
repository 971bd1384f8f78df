import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { choice, emptyToUndefined, line, maxVisible, paragraph } from './fields';

export const TRANSLATION_REPORT_LIMITS = { problem: 1000, where: 200, page: 100 } as const;

/**
 * A resident saying a translation reads badly: which language, what is wrong, and optionally where. Public
 * (no enrolled device needed, rate limited like the pledge) and anonymous: it asks for nothing about the
 * person, and the server screens the text for personal data as it does listening feedback.
 */
export function translationReportSchema(profile: Pick<TownProfile, 'languages'>) {
  return v.strictObject({
    language: choice(profile.languages.map((l) => l.code)),
    problem: v.pipe(paragraph(), v.minLength(1, 'required'), maxVisible(TRANSLATION_REPORT_LIMITS.problem)),
    /** The words or the screen, in the resident's own words. */
    where: v.optional(v.pipe(line(), maxVisible(TRANSLATION_REPORT_LIMITS.where), emptyToUndefined)),
    /** The page the form was opened from (a path of this app), filled in by the app. */
    page: v.optional(
      v.pipe(line(), v.maxLength(TRANSLATION_REPORT_LIMITS.page, 'too-long'), emptyToUndefined, v.optional(v.pipe(v.string(), v.regex(/^\/[\w\-/]*$/, 'invalid-format')))),
    ),
  });
}
export type TranslationReport = v.InferOutput<ReturnType<typeof translationReportSchema>>;

/** The report as the device writes it today: kind, version and schema. */
export const translationReportSpec = (profile: Pick<TownProfile, 'languages'>) => ({
  kind: 'translation-report' as const,
  schemaVersion: 1,
  schema: translationReportSchema(profile),
});

/** The staff list's filter: one language, by its code. */
export const TranslationReportFilter = v.object({
  language: v.optional(v.pipe(v.string('invalid-type'), v.maxLength(35, 'too-long'), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'invalid-format'))),
});
