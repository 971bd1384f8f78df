import { Show, type JSX } from 'solid-js';
import { localize } from '../../core/profile/schema';
import { profile } from '../appState';
import { language, t } from '../i18n';
import { currentPath } from '../router';
import { kioskLock } from '../routes/kiosk/lock';
import { LanguagePicker } from './LanguagePicker';
import { SyncBadge } from './SyncBadge';
import { UpdatePrompt } from './UpdatePrompt';

export function Layout(props: { children: JSX.Element }) {
  const campaign = () => localize(profile().campaign, language());
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('layout.skip')}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          {/* In kiosk mode the page has no way out: the name is not a link, and there is no footer menu. */}
          <Show
            when={!kioskLock()}
            fallback={
              <span class="brand" lang={campaign().lang}>
                {campaign().text}
              </span>
            }
          >
            <a href="/" class="brand" lang={campaign().lang}>
              {campaign().text}
            </a>
          </Show>
          <LanguagePicker />
        </div>
      </header>
      <Show when={!kioskLock()}>
        <UpdatePrompt />
      </Show>
      <main id="main" tabindex="-1" class="page">
        {props.children}
      </main>
      <Show when={!kioskLock()}>
        <footer class="site-footer">
          <nav aria-label={t('layout.footerNav')}>
            <ul>
              <li><a href="/wall">{t('layout.wall')}</a></li>
              <li><a href="/panels">{t('layout.panels')}</a></li>
            <li><a href="/you-said">{t('layout.youSaid')}</a></li>
              <li><a href="/status">{t('layout.status')}</a></li>
              <li><a href="/privacy">{t('layout.privacy')}</a></li>
              <li><a href={`/report-translation?from=${encodeURIComponent(currentPath())}`}>{t('layout.reportTranslation')}</a></li>
              <Show when={profile().access.videoRelayUrl}>
                {(url) => <li><a href={url()} rel="noopener" class="video-relay-link">{t('layout.videoRelay')}</a></li>}
              </Show>
            </ul>
          </nav>
          <SyncBadge />
        </footer>
      </Show>
    </>
  );
}
