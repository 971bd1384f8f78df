import type { BalanceCategory } from '../../../../core/panels/answers';
import { formatLocale, language } from '../../../i18n';
import { at } from '../i18n';
import { wardName } from '../session';

/**
 * Words for the categories and answers that panels balance on: the console's own (short, and clear out of
 * the question's context, e.g. "Disabled" rather than "Yes"), then the resident app's words as a fallback.
 */
const answerList: Record<string, string> = {
  ageBand: 'ageBand',
  gender: 'gender',
  ethnicity: 'ethnicGroup',
  disability: 'disability',
  religion: 'religion',
};

export const categoryLabel = (category: string): string => at([`admin.panels.categories.${category}`, 'admin.panels.categories.other'], { category });

export function valueLabel(category: BalanceCategory | string, value: string): string {
  if (value === 'prefer-not-to-say') return at('admin.panels.values.preferNot');
  if (value === 'own-words') return at('admin.panels.values.ownWords');
  if (category === 'ward') return wardName(value) ?? value;
  const list = answerList[category] ?? category;
  return at([`admin.panels.values.${category}.${value}`, `panels.answers.${list}.${value}`], { defaultValue: value });
}

/** A share (0–1) as a percentage in the reader's language. */
export function percent(share: number, digits = 0): string {
  return new Intl.NumberFormat(formatLocale(), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(share);
}
