import * as v from 'valibot';
import { disabilityAnswers, ethnicGroupIds, genderAnswers, religionAnswers, signupAgeBands, OWN_WORDS, PREFER_NOT } from '../panels/answers';
import type { FieldError } from '../validation';
import { toFieldErrors } from '../validation';
import { asciiDigits } from '../contact';
import { cleanLine } from '../text';
import type { ReferenceProportions } from './schema';

/**
 * The town's reference figures as staff enter them ("census figures the council enters, with their source"):
 * per category and value the share of the town in percent. Stricter than what a stored profile tolerates:
 * the shares of one category may not add up to more than 100, and any figure needs its source.
 */

export const referenceCategories = ['ageBand', 'gender', 'ethnicity', 'disability', 'ward', 'religion'] as const;
export type ReferenceCategory = (typeof referenceCategories)[number];

/** The values a figure can be entered for, per category; wards come from the profile. "Who is missing" counts ethnicity by its 5 groups. */
export function referenceValues(wardIds: readonly string[]): Record<ReferenceCategory, readonly string[]> {
  const answered = (list: readonly string[]) => list.filter((a) => a !== PREFER_NOT && a !== OWN_WORDS);
  return {
    // The census has no residents who "prefer not to say", and under-13s never sign up.
    ageBand: signupAgeBands.filter((b) => b !== 'under-13'),
    gender: answered(genderAnswers),
    ethnicity: ethnicGroupIds,
    disability: answered(disabilityAnswers),
    ward: wardIds,
    religion: answered(religionAnswers),
  };
}

const SOURCE_MAX = 400;
const VALUE_MAX = 60;

/** The name of one figure's field in the form: "ageBand--18-24". */
export const referenceField = (category: string, value: string) => `${category}--${value}`;

const Percent = v.pipe(v.number('invalid-type'), v.minValue(0, 'invalid-format'), v.maxValue(100, 'invalid-format'));

/** Reference figures with numbers, as the server takes them (PUT /staff/profile/reference). */
export const ReferenceFigures = v.pipe(
  v.object({
    source: v.pipe(v.string('invalid-type'), v.transform(cleanLine), v.maxLength(SOURCE_MAX, 'too-long')),
    categories: v.record(v.picklist(referenceCategories, 'invalid-choice'), v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(VALUE_MAX, 'too-long')), Percent)),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { source, categories } = dataset.value;
    let any = false;
    for (const [category, shares] of Object.entries(categories)) {
      const values = Object.keys(shares ?? {});
      if (values.length) any = true;
      // Added in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100.
      const total = Object.values(shares ?? {}).reduce((a, b) => a + Math.round(b * 100), 0);
      if (total > 100 * 100) {
        addIssue({
          message: 'invalid-distribution',
          path: [
            { type: 'object', origin: 'value', input: dataset.value, key: 'categories', value: categories },
            { type: 'object', origin: 'value', input: categories, key: category, value: shares },
            { type: 'object', origin: 'value', input: shares, key: values[0] ?? '', value: shares?.[values[0] ?? ''] },
          ],
        });
      }
    }
    if (any && source === '') {
      addIssue({ message: 'required', path: [{ type: 'object', origin: 'value', input: dataset.value, key: 'source', value: source }] });
    }
  }),
);
export type ReferenceFigures = v.InferOutput<typeof ReferenceFigures>;

/** The form as typed: the source, and a text per figure field ("" for none). */
export interface ReferenceFormInput {
  source: string;
  shares: Record<string, string>;
}

const PercentText = v.pipe(
  v.string('invalid-type'),
  v.transform((s) => asciiNumber(s.trim())),
  v.check((s) => s === '' || (/^\d{1,3}([.,]\d{1,2})?$/.test(s) && Number(s.replace(',', '.')) <= 100), 'invalid-format'),
);

/** A dot, or a comma as many keyboards type it, after digits in any script made ASCII. */
const asciiNumber = (s: string) => asciiDigits(s).replace(/\u066B/g, '.');

/**
 * Check the typed form and turn it into reference figures (undefined when no figure is given, which removes
 * them). Errors name the form's fields: "source" or a figure's field ("ageBand--18-24").
 */
export function checkReferenceForm(input: ReferenceFormInput): { ok: true; value: ReferenceProportions | undefined } | { ok: false; errors: FieldError[] } {
  const typed = v.safeParse(v.object({ source: v.string('invalid-type'), shares: v.record(v.string(), PercentText) }), input);
  // A wrong number is reported with every other problem of the form at once, so check the rest without it.
  const wrong = typed.success ? [] : toFieldErrors(typed.issues).map((e) => ({ ...e, field: e.field.replace(/^shares\./, '') }));
  const categories: Record<string, Record<string, number>> = {};
  let anyTyped = false;
  for (const [field, raw] of Object.entries(input.shares)) {
    const text = asciiNumber(String(raw).trim());
    if (text === '') continue;
    anyTyped = true;
    if (wrong.some((e) => e.field === field)) continue;
    const [category, value] = field.split('--') as [string, string];
    (categories[category] ??= {})[value] = Number(text.replace(',', '.'));
  }
  const figures = v.safeParse(ReferenceFigures, { source: typeof input.source === 'string' ? input.source : '', categories });
  const errors = [
    ...wrong,
    ...(figures.success ? [] : toFieldErrors(figures.issues)).map((e) => {
      const [, category, value] = e.field.split('.');
      return { ...e, field: e.field.startsWith('categories.') && category && value !== undefined ? referenceField(category, value) : e.field.split('.')[0] ?? e.field };
    }),
  ];
  // A source is needed with any figure, even one typed wrong.
  if (anyTyped && !errors.some((e) => e.field === 'source') && cleanLine(String(input.source ?? '')) === '') errors.push({ field: 'source', code: 'required' });
  if (errors.length || !figures.success) {
    // The source first, then the figures in the form's order, as the summary lists them.
    const order = ['source', ...Object.keys(input.shares)];
    return { ok: false, errors: errors.sort((x, y) => order.indexOf(x.field) - order.indexOf(y.field)) };
  }
  return { ok: true, value: Object.keys(figures.output.categories).length ? figures.output : undefined };
}

/** The form's texts for figures already held (for editing them). */
export function referenceFormFrom(reference: ReferenceProportions | undefined): ReferenceFormInput {
  const shares: Record<string, string> = {};
  for (const [category, values] of Object.entries(reference?.categories ?? {})) {
    for (const [value, share] of Object.entries(values ?? {})) shares[referenceField(category, value)] = String(share);
  }
  return { source: reference?.source ?? '', shares };
}
