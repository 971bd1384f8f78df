import { profile } from '../../appState';
import { t } from '../../i18n';
import { Localized } from '../../ui/Localized';

export function PrivacyPage() {
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <Localized text={profile().privacy.notice} as="p" />
      <h2>{t('privacy.whoTitle')}</h2>
      <p>{t('privacy.who', { controller: profile().privacy.controller, contact: profile().privacy.contact })}</p>
    </>
  );
}
