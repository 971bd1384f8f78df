import { Show, createResource } from 'solid-js';
import { catalog, db, syncStatus } from '../../appState';
import { deviceEnrolment } from '../../data/device';
import { formatNumber, t } from '../../i18n';

export function HomePage() {
  const count = () => catalog().counts.pledges;
  // Outreach tablets (enrolled by staff) also record listening circles; residents' phones never see this.
  const [enrolled] = createResource(async () => (await deviceEnrolment(db)) !== undefined);
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <p>{t('home.offline')}</p>
      <Show when={count() > 0}>
        <p class="stat">
          {t('home.pledgeCount', { count: count(), formatted: formatNumber(count()) })}
        </p>
      </Show>
      <section aria-labelledby="home-pledge" class="card">
        <h2 id="home-pledge">{t('home.pledgeTitle')}</h2>
        <p>{t('home.pledgeText')}</p>
        <a href="/pledge" class="button button--start">
          {t('home.pledgeStart')}
        </a>
        <p class="card__more">
          <a href="/wall">{t('home.wallLink')}</a>
        </p>
      </section>
      <section aria-labelledby="home-panels" class="card">
        <h2 id="home-panels">{t('home.panelsTitle')}</h2>
        <p>{t('home.panelsText')}</p>
        <a href="/panels" class="button">
          {t('home.panelsLink')}
        </a>
      </section>
      <Show when={enrolled()}>
        <section aria-labelledby="home-listen" class="card">
          <h2 id="home-listen">{t('home.workerTitle')}</h2>
          <p>{t('home.workerText')}</p>
          <a href="/listen" class="button">
            {t('home.workerLink')}
          </a>
        </section>
      </Show>
      <section aria-labelledby="home-outcomes" class="card">
        <h2 id="home-outcomes">{t('home.outcomesTitle')}</h2>
        <p>{t('home.outcomesText')}</p>
        <a href="/you-said">{t('home.outcomesLink')}</a>
      </section>
      <section aria-labelledby="home-sync" class="card">
        <h2 id="home-sync">{t('home.syncTitle')}</h2>
        <p>
          <Show when={syncStatus().waiting > 0} fallback={t('home.syncNothingWaiting')}>
            {t('sync.waiting', { count: syncStatus().waiting, formatted: formatNumber(syncStatus().waiting) })}
          </Show>
        </p>
        <a href="/status">{t('home.syncDetails')}</a>
      </section>
    </>
  );
}
