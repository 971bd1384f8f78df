import { For, Show, createSignal } from 'solid-js';
import { localize } from '../../../core/profile/schema';
import type { PublicOutcome } from '../../../core/sync';
import { catalog, profile } from '../../appState';
import { formatLocale, formatNumber, language, t } from '../../i18n';
import { SelectField } from '../../ui/form';
import { Localized } from '../../ui/Localized';
import './outcomes.css';

/**
 * "You said, we did": what residents told the council on each theme and what the council did, newest first,
 * from the cached catalog (so it reads offline), each in the reader's language or in English, marked.
 */
export function YouSaidPage() {
  const [theme, setTheme] = createSignal('');
  const all = (): PublicOutcome[] => [...(catalog().outcomes ?? [])].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
  const shown = () => all().filter((o) => !theme() || o.theme === theme());
  const themeName = (id: string) => {
    const found = profile().themes.find((x) => x.id === id);
    return found ? localize(found.label, language()) : { text: id, lang: 'en', fallback: false };
  };
  // Only themes that have an outcome: choosing one never leads to an empty page.
  const themes = () => profile().themes.filter((x) => all().some((o) => o.theme === x.id));
  const day = (iso: string) => new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' }).format(new Date(iso));

  return (
    <>
      <h1>{t('outcomes.title')}</h1>
      <p class="lead">{t('outcomes.intro')}</p>
      <Show when={all().length > 0} fallback={<p>{t('outcomes.empty')}</p>}>
        <form class="outcome-filter" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            name="theme"
            label={t('outcomes.filter')}
            value={theme()}
            options={[{ value: '', label: t('outcomes.allThemes') }, ...themes().map((x) => ({ value: x.id, label: themeName(x.id).text }))]}
            onChange={setTheme}
          />
        </form>
        <p role="status" class="outcome-count">
          {t('outcomes.showing', { count: shown().length, formatted: formatNumber(shown().length) })}
        </p>
        <ul class="outcomes">
          <For each={shown()}>
            {(o) => (
              <li class="card outcome">
                <h2 class="outcome__theme" lang={themeName(o.theme).lang}>
                  {themeName(o.theme).text}
                </h2>
                <p class="outcome__date">
                  {t('outcomes.published')} <time datetime={o.publishedAt}>{day(o.publishedAt)}</time>
                </p>
                <h3 class="outcome__label">{t('outcomes.youSaid')}</h3>
                <Localized text={o.youSaid} as="p" class="outcome__text" />
                <h3 class="outcome__label">{t('outcomes.weDid')}</h3>
                <Localized text={o.weDid} as="p" class="outcome__text" />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
