import { Show } from 'solid-js';
import { syncStatus } from '../appState';
import { formatNumber, t } from '../i18n';

/** The sync state in a few words, always in view: how many records wait, and whether any were refused. */
export function SyncBadge() {
  const s = syncStatus;
  return (
    <a href="/status" class="sync-badge" classList={{ 'sync-badge--waiting': s().waiting > 0, 'sync-badge--refused': s().refused.length > 0 }}>
      <span class="sync-badge__dot" aria-hidden="true" />
      <Show when={s().refused.length > 0} fallback={
        <Show when={s().waiting > 0} fallback={t('sync.badge.allSent')}>
          {t('sync.badge.waiting', { count: s().waiting, formatted: formatNumber(s().waiting) })}
        </Show>
      }>
        {t('sync.badge.refused', { count: s().refused.length, formatted: formatNumber(s().refused.length) })}
      </Show>
    </a>
  );
}
