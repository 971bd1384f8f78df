import { For, Show, createEffect, createSignal, type JSX } from 'solid-js';
import type { FieldError } from '../../../core/validation';
import { Message as FieldMessages, describedBy, fieldId } from '../../ui/form';
import { at, fieldText, problemText } from './i18n';

/**
 * Pieces the console's pages share. Field markup follows src/app/ui/form.tsx (same classes and ids, so the
 * error summary links work); these add the input types the resident forms do not need.
 */

export interface InputProps {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'date' | 'time' | 'search';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
  /** Narrow inputs for short values (codes, dates). */
  width?: 'code' | 'date';
  /** Keep left-to-right (codes, dates), whatever the page's direction. */
  ltr?: boolean;
}

export function InputField(props: InputProps) {
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <label class="label" for={fieldId(props.name)}>
        {props.label}
      </label>
      <FieldMessages name={props.name} hint={props.hint} error={props.error} />
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        class="admin-input"
        classList={{ 'admin-input--code': props.width === 'code', 'admin-input--date': props.width === 'date' }}
        dir={props.ltr ? 'ltr' : 'auto'}
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        maxLength={props.maxLength}
        spellcheck={false}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** A password, with a button to show what was typed (long passphrases are easier to get right). */
export function PasswordField(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  autocomplete: 'current-password' | 'new-password';
}) {
  const [shown, setShown] = createSignal(false);
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <label class="label" for={fieldId(props.name)}>
        {props.label}
      </label>
      <FieldMessages name={props.name} hint={props.hint} error={props.error} />
      <div class="password-input">
        <input
          id={fieldId(props.name)}
          name={props.name}
          type={shown() ? 'text' : 'password'}
          class="admin-input"
          dir="ltr"
          value={props.value}
          autocomplete={props.autocomplete}
          spellcheck={false}
          autocapitalize="off"
          aria-describedby={describedBy(props.name, props.hint, props.error)}
          aria-invalid={props.error ? 'true' : undefined}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <button type="button" class="button button--secondary button--small" aria-pressed={shown() ? 'true' : 'false'} aria-controls={fieldId(props.name)} onClick={() => setShown((s) => !s)}>
          {at('admin.form.showPassword')}
        </button>
      </div>
    </div>
  );
}

/** One choice from a few, each explained: a fieldset of radio buttons. */
export function Radios(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  options: { value: string; label: string; hint?: string }[];
  onChange: (value: string) => void;
  inline?: boolean;
}) {
  return (
    <div class="field" classList={{ 'field--error': !!props.error }}>
      <fieldset class="radios-fieldset" aria-describedby={describedBy(props.name, props.hint, props.error)}>
        <legend class="label">{props.legend}</legend>
        <FieldMessages name={props.name} hint={props.hint} error={props.error} />
        <div class="radios" classList={{ 'radios--inline': !!props.inline }}>
          <For each={props.options}>
            {(option, i) => {
              // The first radio carries the field's id, so the error summary's link lands on the group.
              const id = () => (i() === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${option.value}`);
              return (
                <div class="radio">
                  <input
                    id={id()}
                    type="radio"
                    name={props.name}
                    value={option.value}
                    checked={props.value === option.value}
                    aria-describedby={option.hint ? `${id()}-hint` : undefined}
                    onChange={() => props.onChange(option.value)}
                  />
                  <label for={id()}>{option.label}</label>
                  <Show when={option.hint}>
                    <p class="hint radio-hint" id={`${id()}-hint`}>
                      {option.hint}
                    </p>
                  </Show>
                </div>
              );
            }}
          </For>
        </div>
      </fieldset>
    </div>
  );
}

/**
 * A form's errors: field problems (from a core schema or the server's `fields`), each re-worded when the
 * language changes, plus the summary at the top that links to each field.
 */
export function createErrors(label: (field: string) => string, values: () => Record<string, unknown> = () => ({})) {
  const [list, setList] = createSignal<{ field: string; message: () => string }[]>([]);
  return {
    set(errors: readonly FieldError[], fallbackField: string) {
      setList(
        errors.map((e) => {
          const field = e.field === '_' || e.field === '' ? fallbackField : e.field.split('.')[0] ?? fallbackField;
          return { field, message: () => fieldText({ ...e, field }, label(field), values()) };
        }),
      );
    },
    /** A problem with one field in words of its own (e.g. "this email already has an account"). */
    setOne(field: string, message: () => string) {
      setList([{ field, message }]);
    },
    clear: () => setList([]),
    errorFor: (field: string) => list().find((e) => e.field === field)?.message(),
    summary: () => list().map((e) => ({ field: e.field, message: e.message() })),
  };
}

/** A problem with the whole request (no connection, not allowed, server error): said at once, and focused. */
export function ProblemBox(props: { code: string | undefined; values?: Record<string, unknown> }) {
  let box: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.code) box?.focus();
  });
  return (
    <Show when={props.code}>
      {(code) => (
        <div class="error-summary" ref={box} tabindex="-1" role="alert">
          <h2>{at('form.errorSummary')}</h2>
          <p class="problem-text">{problemText(code(), props.values ?? {})}</p>
        </div>
      )}
    </Show>
  );
}

/** Something that went well, announced politely; focused when `focus` is set (e.g. after a list changed). */
export function SuccessBox(props: { message: string | undefined; focus?: boolean; children?: JSX.Element }) {
  let box: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.message && props.focus) box?.focus();
  });
  return (
    <div role="status" class="status-region">
      <Show when={props.message}>
        <div class="success-box" ref={box} tabindex="-1">
          <p>{props.message}</p>
          {props.children}
        </div>
      </Show>
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {at('admin.loading')}
    </p>
  );
}

/** Copy a value to the clipboard, saying so; the value is also on the page to select by hand. */
export function CopyButton(props: { value: string; label: string }) {
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
      setTimeout(() => setCopied(false), 4000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <span class="copy">
      <button type="button" class="button button--secondary button--small" onClick={() => void copy()}>
        {props.label}
      </button>
      <span role="status" class="copy__done">
        {copied() ? at('admin.form.copied') : ''}
      </span>
    </span>
  );
}

/** A QR code made elsewhere as SVG, shown as an image: never put into the page as markup. */
export function QrImage(props: { svg: string; alt: string }) {
  return <img class="qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(props.svg)}`} alt={props.alt} width="240" height="240" />;
}

/** A table that may be wider than a phone: it scrolls on its own, and can be scrolled by keyboard. */
export function TableScroll(props: { labelledBy: string; children: JSX.Element; tall?: boolean }) {
  return (
    <div class="table-scroll" classList={{ 'table-scroll--tall': !!props.tall }} role="region" aria-labelledby={props.labelledBy} tabindex="0">
      {props.children}
    </div>
  );
}

/** Today, or a day some days ago, as YYYY-MM-DD in local time (for date inputs). */
export function dayString(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An email address that may wrap after the @ (and nowhere else) in a narrow column. */
export function EmailText(props: { email: string }) {
  const split = () => props.email.indexOf('@');
  return (
    <bdi>
      <Show when={split() > 0} fallback={props.email}>
        {props.email.slice(0, split() + 1)}
        <wbr />
        {props.email.slice(split() + 1)}
      </Show>
    </bdi>
  );
}

/**
 * After the page shows: name the tab after its heading, and put focus on the heading if nothing has it yet
 * (the router does this for a change of page; here it covers the heading arriving late).
 */
export function settleFocus(): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (!heading) return;
      document.title = `${heading.textContent ?? ''} – Many Voices`;
      const active = document.activeElement;
      if (!active || active === document.body || active.id === 'main' || active.tagName === 'H1') {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
    }),
  );
}
