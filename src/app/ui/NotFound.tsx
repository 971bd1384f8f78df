import { t } from '../i18n';

export function NotFound() {
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <a href="/" class="link-alone">
          {t('notFound.home')}
        </a>
      </p>
    </>
  );
}
