import { For, Show } from 'solid-js';
import { chooseLanguage, profile } from '../../appState';
import { hasTranslation, language, localeMeta, t } from '../../i18n';
import { navigate } from '../../router';
import { resetDraft } from '../pledge/draft';
import { kioskActivityPaths, kioskLock, type KioskActivity } from './lock';

/** The first screen each resident sees: the languages, then what they can do here, in big buttons. */
export function KioskStart() {
  const languages = () => profile().languages.filter((l) => hasTranslation(l.code));
  const start = (activity: KioskActivity) => {
    const path = kioskActivityPaths[activity];
    if (!path) return;
    // Nothing of the previous person's pledge may show: the journey starts from an empty draft.
    if (activity === 'pledge') resetDraft();
    navigate(path);
  };
  return (
    <div class="kiosk">
      <h1>{t('kiosk.start.title')}</h1>
      <p class="lead">{t('kiosk.start.intro')}</p>
      <section aria-labelledby="kiosk-languages" class="kiosk__languages">
        <h2 id="kiosk-languages">
          {t('kiosk.start.language')}
          <span class="visually-hidden"> (Language)</span>
        </h2>
        <ul class="kiosk__language-list">
          <For each={languages()}>
            {(l) => (
              <li>
                <button
                  type="button"
                  class="button button--secondary kiosk-button"
                  lang={l.code}
                  dir={l.dir}
                  aria-pressed={l.code === language() ? 'true' : 'false'}
                  onClick={() => void chooseLanguage(l.code)}
                >
                  {l.nativeName}
                  {/* Quietly, in the reader's language: no native speaker has checked this one yet. */}
                  <Show when={localeMeta[l.code]?.reviewed === false}>
                    <span class="kiosk__unreviewed" lang={language()} dir="auto">
                      {t('layout.unreviewed')}
                    </span>
                  </Show>
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
      <h2>{t('kiosk.start.what')}</h2>
      <ul class="kiosk__activities">
        <For each={kioskLock()?.activities ?? []}>
          {(a) => (
            <Show when={kioskActivityPaths[a]}>
              <li>
                <button type="button" class="button kiosk-button kiosk-button--big" onClick={() => start(a)}>
                  {t(`kiosk.start.${a}`)}
                </button>
              </li>
            </Show>
          )}
        </For>
      </ul>
      <p class="kiosk__staff">
        <a href="/kiosk/leave">{t('kiosk.start.staff')}</a>
      </p>
    </div>
  );
}
