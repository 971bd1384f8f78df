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

/**
 * A GOV.UK-style group of radios (one answer) or checkboxes (several) in a fieldset whose legend is the
 * question (the page's heading when it is the only question). The first option carries the field's id, so
 * the error summary's link lands on the group.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string; hint?: string | undefined; lang?: string | undefined; dir?: 'ltr' | 'rtl' | undefined }[];
  /** The chosen value (radios) or values (checkboxes). */
  value: string | readonly string[];
  onChange: (value: string, checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
  asHeading?: boolean;
}) {
  const chosen = (value: string) => (typeof props.value === 'string' ? props.value === value : props.value.includes(value));
  const optionId = (i: number, value: string) => (i === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${value}`);
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <fieldset class="choices" aria-describedby={describedBy(props.name, props.hint, props.error)}>
        <legend class="label" classList={{ 'label--page': !!props.asHeading }}>
          {props.asHeading ? <h1 class="label-wrapper">{props.legend}</h1> : props.legend}
        </legend>
        <Message name={props.name} hint={props.hint} error={props.error} />
        <For each={props.options}>
          {(o, i) => (
            <div class="checkbox">
              <input
                id={optionId(i(), o.value)}
                name={props.name}
                type={props.type}
                value={o.value}
                checked={chosen(o.value)}
                aria-describedby={o.hint ? `${optionId(i(), o.value)}-hint` : undefined}
                aria-invalid={props.error ? 'true' : undefined}
                onChange={(e) => props.onChange(o.value, e.currentTarget.checked)}
              />
              <label for={optionId(i(), o.value)} lang={o.lang} dir={o.dir}>
                {o.label}
                <Show when={o.hint}>
                  <span class="hint choice-hint" id={`${optionId(i(), o.value)}-hint`}>
                    {o.hint}
                  </span>
                </Show>
              </label>
            </div>
          )}
        </For>
      </fieldset>
    </div>
  );
}

/** A journey step's way back (a link) and way on (the form's submit), side by side in reading order. */
export function StepActions(props: { backHref?: string | undefined; backLabel: string; label: string; disabled?: boolean }) {
  return (
    <div class="actions actions--journey">
      <Show when={props.backHref}>
        {(href) => (
          <a class="button button--secondary button--back" href={href()}>
            {props.backLabel}
          </a>
        )}
      </Show>
      <button type="submit" class="button" disabled={props.disabled}>
        {props.label}
      </button>
    </div>
  );
}
