import { For, Show, createEffect, type JSX } from 'solid-js';
import type { FieldError } from '../../core/validation';
import { t } from '../i18n';

/** A field's error in words: the catalogue's message for its code, naming the field. */
export function errorText(error: FieldError, fieldLabel: string, values: Record<string, unknown> = {}): string {
  return t([`errors.fields.${error.field}.${error.code}`, `errors.${error.code}`], { ...values, field: fieldLabel });
}

export const fieldId = (name: string) => `field-${name}`;

/**
 * GOV.UK-style error summary: at the top, focused when it appears, each error a link to its field.
 */
export function ErrorSummary(props: { errors: { field: string; message: string }[] }) {
  let box: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.errors.length > 0) box?.focus();
  });
  return (
    <Show when={props.errors.length > 0}>
      <div class="error-summary" ref={box} tabindex="-1" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
        <ul>
          <For each={props.errors}>
            {(e) => (
              <li>
                <a
                  href={`#${fieldId(e.field)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(fieldId(e.field))?.focus();
                  }}
                >
                  {e.message}
                </a>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}

/** The ids a field's hint and error carry, for aria-describedby. */
export function describedBy(name: string, hint?: unknown, error?: unknown): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint and error message, with the ids describedBy() names. */
export function Message(props: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <Show when={props.hint}>
        <p class="hint" id={`${fieldId(props.name)}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={`${fieldId(props.name)}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {props.error}
        </p>
      </Show>
    </>
  );
}

interface TextProps {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  inputmode?: 'numeric' | 'text' | 'email';
  autocomplete?: string;
  maxLength?: number;
  /** Label as the page's heading (one question per page). */
  asHeading?: boolean;
}

export function TextField(props: TextProps) {
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <Label for={fieldId(props.name)} text={props.label} asHeading={props.asHeading} />
      <Message name={props.name} hint={props.hint} error={props.error} />
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        inputmode={props.inputmode}
        dir="auto"
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        spellcheck={props.type === 'email' ? false : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea(props: TextProps & { rows?: number }) {
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <Label for={fieldId(props.name)} text={props.label} asHeading={props.asHeading} />
      <Message name={props.name} hint={props.hint} error={props.error} />
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        dir="auto"
        rows={props.rows ?? 4}
        value={props.value}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function Checkbox(props: { name: string; label: string; hint?: string; error?: string | undefined; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <Message name={props.name} error={props.error} />
      <div class="checkbox">
        <input
          id={fieldId(props.name)}
          name={props.name}
          type="checkbox"
          checked={props.checked}
          aria-describedby={describedBy(props.name, props.hint, props.error)}
          aria-invalid={props.error ? 'true' : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <label for={fieldId(props.name)}>{props.label}</label>
      </div>
      <Show when={props.hint}>
        <p class="hint checkbox-hint" id={`${fieldId(props.name)}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  /** `lang`/`dir` for an option in another language (a language named in its own script). */
  options: { value: string; label: string; lang?: string; dir?: 'ltr' | 'rtl' }[];
  onChange: (v: string) => void;
  asHeading?: boolean;
}) {
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <Label for={fieldId(props.name)} text={props.label} asHeading={props.asHeading} />
      <Message name={props.name} hint={props.hint} error={props.error} />
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} lang={o.lang} dir={o.dir} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

function Label(props: { for: string; text: string; asHeading?: boolean | undefined }): JSX.Element {
  const label = (
    <label class="label" classList={{ 'label--page': !!props.asHeading }} for={props.for}>
      {props.text}
    </label>
  );
  return props.asHeading ? <h1 class="label-wrapper">{label}</h1> : label;
}
