import { For } from 'solid-js';
import { chooseLanguage, profile } from '../appState';
import { hasTranslation, language, localeMeta, t } from '../i18n';

/** Each language in its own script, so a person finds theirs without reading English. */
export function LanguagePicker() {
  const languages = () => profile().languages.filter((l) => hasTranslation(l.code));
  return (
    <div class="language-picker">
      <label for="language-select">
        {t('layout.language')}
        <span class="visually-hidden"> (Language)</span>
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
  );
}
