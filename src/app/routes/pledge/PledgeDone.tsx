import { liveQuery } from 'dexie';
import { Match, Switch, from } from 'solid-js';
import { db } from '../../appState';
import { t } from '../../i18n';

/** Confirmation with the short reference, and where the pledge is now: on this device, or with the council. */
export function PledgeDone(props: { id: string; reference: string }) {
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
        <h1>{t('pledge.done.title')}</h1>
        <p>
          {t('pledge.done.reference')}
          <br />
          <strong class="reference" dir="ltr">
            {props.reference}
          </strong>
        </p>
      </div>
      <p role="status" class="pledge-status">
        <Switch fallback={t('pledge.done.waiting')}>
          <Match when={where() === 'sent'}>{t('pledge.done.sent')}</Match>
          <Match when={where() === 'refused'}>{t('pledge.done.refused')}</Match>
        </Switch>
      </p>
      <p>{t('pledge.done.thanks')}</p>
      <p>
        <a href="/" class="button button--secondary">
          {t('pledge.done.home')}
        </a>
      </p>
    </>
  );
}
