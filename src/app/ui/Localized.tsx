import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { localize, type LocalizedText } from '../../core/profile/schema';
import { language, t } from '../i18n';

/**
 * Text that staff wrote, in the reader's language, or in English marked as such (with lang="en", so a
 * screen reader switches voice).
 */
export function Localized(props: { text: LocalizedText; as: 'p' | 'h1' | 'h2' | 'li' | 'span'; class?: string }) {
  const shown = () => localize(props.text, language());
  return (
    <Dynamic component={props.as} class={props.class} lang={shown().lang} dir={shown().fallback ? 'ltr' : undefined}>
      {shown().text}
      <Show when={shown().fallback}>
        {' '}
        <span class="fallback-note" lang={language()}>
          ({t('layout.inEnglish')})
        </span>
      </Show>
    </Dynamic>
  );
}
