import { Show } from 'solid-js';
import { profile } from '../../appState';
import { t } from '../../i18n';
import { Localized } from '../../ui/Localized';

export function PrivacyPage() {
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <Localized text={profile().privacy.notice} as="p" />
      <h2>{t('privacy.panelsTitle')}</h2>
      <p>{t('privacy.panels')}</p>
      <h2>{t('privacy.whoTitle')}</h2>
      <p>{t('privacy.who', { controller: profile().privacy.controller, contact: profile().privacy.contact })}</p>
      {/* Deaf residents can reach the council through a video-relay service, where the council has one. */}
      <Show when={profile().access.videoRelayUrl}>
        {(url) => (
          <p>
            <a href={url()} rel="noopener" class="video-relay-link">
              {t('layout.videoRelay')}
            </a>
          </p>
        )}
      </Show>
    </>
  );
}
