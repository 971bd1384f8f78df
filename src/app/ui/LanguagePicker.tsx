import { For, Show } from 'solid-js';
import { chooseLanguage, profile } from '../appState';
import { hasTranslation, language, localeMeta, t } from '../i18n';
import { currentPath } from '../router';

/**
 * Each language in its own script (with its lang, so it is read out and shaped in that language), so a
 * person finds theirs without reading English. Languages a native speaker has not checked yet say so, and
 * offer a way to report a poor translation.
 */
export function LanguagePicker() {
  const languages = () => profile().languages.filter((l) => hasTranslation(l.code));
  const unreviewed = () => localeMeta[language()]?.reviewed === false;
  return (
    <div class="language-picker">
      <div class="language-picker__row">
        <label for="language-select">
          {t('layout.language')}
          <Show when={language() !== 'en'}>
            <span class="visually-hidden" lang="en">
              {' '}
              (Language)
            </span>
          </Show>
        </label>
        <select id="language-select" onChange={(e) => void chooseLanguage(e.currentTarget.value)}>
          <For each={languages()}>
            {(l) => (
              <option value={l.code} lang={l.code} dir={l.dir} selected={l.code === language()}>
                {l.nativeName}
                {localeMeta[l.code]?.reviewed === false ? ` – ${t('layout.unreviewed')}` : ''}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={unreviewed() && currentPath() !== '/report-translation'}>
        <p class="language-picker__note">
          {t('layout.unreviewedNote')}{' '}
          <a href={`/report-translation?from=${encodeURIComponent(currentPath())}`}>{t('layout.reportTranslation')}</a>
        </p>
      </Show>
    </div>
  );
}
