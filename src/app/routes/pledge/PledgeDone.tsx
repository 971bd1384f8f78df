import { t } from '../../i18n';
import { RecordDone } from '../../ui/RecordDone';

/** Confirmation with the short reference, and where the pledge is now: on this device, or with the council. */
export function PledgeDone(props: { id: string; reference: string }) {
  return (
    <RecordDone
      id={props.id}
      reference={props.reference}
      title={t('pledge.done.title')}
      referenceLabel={t('pledge.done.reference')}
      waiting={t('pledge.done.waiting')}
      sent={t('pledge.done.sent')}
      refused={t('pledge.done.refused')}
    >
      <p>{t('pledge.done.thanks')}</p>
      <p>
        <a href="/" class="button button--secondary">
          {t('pledge.done.home')}
        </a>
      </p>
    </RecordDone>
  );
}
