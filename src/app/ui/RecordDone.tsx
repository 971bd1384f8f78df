import { liveQuery } from 'dexie';
import { Match, Switch, from, type JSX } from 'solid-js';
import { db } from '../appState';

/**
 * The end of a resident's journey: a confirmation with the short reference, and where the record is now —
 * on this device, refused, or with the council — kept up to date as the outbox drains. The words are the
 * journey's own; what follows the status (thanks, next steps, a way home) comes as children.
 */
export function RecordDone(props: {
  id: string;
  reference: string;
  title: string;
  referenceLabel: string;
  waiting: string;
  sent: string;
  refused: JSX.Element;
  children?: JSX.Element;
}) {
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
        <h1>{props.title}</h1>
        <p>
          {props.referenceLabel}
          <br />
          <strong class="reference" dir="ltr">
            {props.reference}
          </strong>
        </p>
      </div>
      <p role="status" class="record-status">
        <Switch fallback={props.waiting}>
          <Match when={where() === 'sent'}>{props.sent}</Match>
          <Match when={where() === 'refused'}>{props.refused}</Match>
        </Switch>
      </p>
      {props.children}
    </>
  );
}
