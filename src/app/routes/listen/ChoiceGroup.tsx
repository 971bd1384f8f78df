import { For } from 'solid-js';
import { localize, type LocalizedText } from '../../../core/profile/schema';
import { describedBy, fieldId, Message } from '../../ui/form';
// Its card styles travel with it: the kiosk's feedback screen uses it without the rest of worker mode.
import './listen.css';

export interface Choice {
  value: string;
  label: string;
  /** The label's language, when it is not the page's (a profile text shown in English). */
  lang?: string;
}

/**
 * One choice from a few, as large radio buttons (a fieldset with its legend above): quick to tap for someone
 * who is listening, not typing. The first option carries the field's id, so the error summary can link to it.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: Choice[];
  value: string;
  onChange: (value: string) => void;
  /** Two or three short options side by side where there is room. */
  compact?: boolean;
}) {
  return (
    <fieldset
      class="field choices"
      classList={{ 'field--error': !!props.error, 'choices--compact': !!props.compact }}
      aria-describedby={describedBy(props.name, props.hint, props.error)}
    >
      <legend class="label">{props.legend}</legend>
      <Message name={props.name} hint={props.hint} error={props.error} />
      <div class="choices__list">
        <For each={props.options}>
          {(option, i) => {
            const id = () => (i() === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${option.value}`);
            return (
              <div class="choice" classList={{ 'choice--checked': props.value === option.value }}>
                <input
                  type="radio"
                  id={id()}
                  name={props.name}
                  value={option.value}
                  checked={props.value === option.value}
                  aria-invalid={props.error ? 'true' : undefined}
                  onChange={() => props.onChange(option.value)}
                />
                <label for={id()} lang={option.lang}>
                  {option.label}
                </label>
              </div>
            );
          }}
        </For>
      </div>
    </fieldset>
  );
}

/** A profile text (a theme, a lens) as a choice: in the reader's language, or in English marked lang="en". */
export function profileChoice(value: string, text: LocalizedText, language: string): Choice {
  const shown = localize(text, language);
  return { value, label: shown.text, ...(shown.fallback ? { lang: shown.lang } : {}) };
}
