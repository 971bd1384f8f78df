import { Show } from 'solid-js';
import { syncStatus } from '../appState';
import { t } from '../i18n';
import { applyUpdate, updateReady } from '../pwa/register';
import { isJourneyInProgress } from '../routes/pledge/draft';

/** "A new version is ready": never automatic, and it warns when a half-filled form would be cleared. */
export function UpdatePrompt() {
  const update = () => {
    if (isJourneyInProgress() && !window.confirm(t('update.confirmLoseForm'))) return;
    applyUpdate();
  };
  return (
    <Show when={updateReady()}>
      <div class="update-prompt" role="status">
        <p>
          {t('update.ready')}{' '}
          <Show when={syncStatus().waiting > 0}>{t('update.recordsKept', { count: syncStatus().waiting })}</Show>
        </p>
        <button type="button" class="button button--secondary" onClick={update}>
          {t('update.apply')}
        </button>
      </div>
    </Show>
  );
}
