import type { FieldError } from '../../../core/validation';
import { t } from '../../i18n';

/**
 * A field's error in words for the field screens: a message of their own where the catalogue's general
 * one would be vague ("Choose a theme"), else the catalogue's, naming the field.
 */
export function fieldMessage(
  error: FieldError,
  fieldLabel: string,
  values: Record<string, unknown> = {},
  sections: readonly string[] = ['listen'],
): string {
  const field = error.field.split('.')[0] ?? error.field;
  const own = sections.map((s) => `${s}.errors.${field}.${error.code}`);
  return t([...own, `errors.fields.${field}.${error.code}`, `errors.${error.code}`], { ...values, field: fieldLabel });
}
