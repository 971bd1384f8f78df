import { For, Show, createSignal } from 'solid-js';
import { db, requestSync, syncStatus } from '../../appState';
import { retryRejected, shortRef } from '../../data/records';
import { formatDateTime, formatNumber, t } from '../../i18n';

const OLD_AFTER_MS = 3 * 24 * 60 * 60_000;

/** Everything about this device's records that a person may need: what waits, what was refused and why. */
export function StatusPage() {
  const s = syncStatus;
  const [busy, setBusy] = createSignal(false);
  const sendNow = async () => {
    setBusy(true);
    try {
      await requestSync('manual');
    } finally {
      setBusy(false);
    }
  };
  const old = () => {
    const oldest = s().oldestWaiting;
    return oldest !== undefined && Date.now() - Date.parse(oldest) > OLD_AFTER_MS;
  };
  const reasonText = (reason: string, field?: string, code?: string) =>
    t([`errors.${reason}`, 'errors.unknown'], { field: field ? t([`fieldNames.${field}`, 'fieldNames.unknown']) : '', code: code ?? '' });

  return (
    <>
      <h1>{t('status.title')}</h1>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('status.waiting')}</dt>
          <dd>{formatNumber(s().waiting)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('status.sent')}</dt>
          <dd>{formatNumber(s().sentOnDevice)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('status.lastSent')}</dt>
          <dd>{s().state.lastSuccessAt ? formatDateTime(s().state.lastSuccessAt ?? '') : t('status.never')}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('status.storage')}</dt>
          <dd>{t(`status.storageState.${s().storage ?? 'unknown'}`)}</dd>
        </div>
      </dl>
      <Show when={s().state.lastError && (s().waiting > 0 || s().state.lastError === 'device-revoked')}>
        <p class="notice">{t(`status.lastError.${s().state.lastError}`)}</p>
      </Show>
      <Show when={old()}>
        <p class="warning-text" role="alert">
          {t('status.oldWarning', { date: formatDateTime(s().oldestWaiting ?? '') })}
        </p>
      </Show>
      <div class="actions">
        <button type="button" class="button" disabled={busy() || s().waiting === 0} onClick={() => void sendNow()}>
          {t('status.sendNow')}
        </button>
      </div>
      <Show when={s().refused.length > 0}>
        <h2>{t('status.refusedTitle', { count: s().refused.length })}</h2>
        <p>{t('status.refusedIntro')}</p>
        <ul class="refused-list">
          <For each={s().refused}>
            {(row) => (
              <li>
                <strong>{t(`kinds.${row.kind}`)}</strong> · <span dir="ltr">{shortRef(row.id)}</span> · {formatDateTime(row.createdAt)}
                <br />
                {reasonText(row.rejection?.reason ?? 'unknown', row.rejection?.field, row.rejection?.code)}
              </li>
            )}
          </For>
        </ul>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => void retryRejected(db).then(() => requestSync('manual'))}
        >
          {t('status.retryRefused')}
        </button>
      </Show>
    </>
  );
}
