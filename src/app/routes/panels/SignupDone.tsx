import { liveQuery } from 'dexie';
import { Match, Switch, from } from 'solid-js';
import { db } from '../../appState';
import { t } from '../../i18n';

/** Confirmation with the short reference, and where the sign-up is now: on this device, or with the council. */
export function SignupDone(props: { id: string; reference: string }) {
  const where = from(
    liveQuery(async () => {
      if (await db.receipts.get(props.id)) return 'sent' as const;
      const row = await db.outbox.get(props.id);
      return row?.state === 'rejected' ? ('refused' as const) : ('waiting' as const);
    }),
  );
  return (
    <>
      <div class="panel-confirmation">
        <h1>{t('panels.done.title')}</h1>
        <p>
          {t('panels.done.reference')}
          <br />
          <strong class="reference" dir="ltr">
            {props.reference}
          </strong>
        </p>
      </div>
      <p role="status">
        <Switch fallback={t('panels.done.waiting')}>
          <Match when={where() === 'sent'}>{t('panels.done.sent')}</Match>
          <Match when={where() === 'refused'}>
            {t('panels.done.refused')} <a href="/status">{t('panels.done.statusLink')}</a>
          </Match>
        </Switch>
      </p>
      <h2>{t('panels.done.nextTitle')}</h2>
      <p>{t('panels.done.next')}</p>
      <p>
        <a href="/" class="button button--secondary">
          {t('panels.done.home')}
        </a>
      </p>
    </>
  );
}
