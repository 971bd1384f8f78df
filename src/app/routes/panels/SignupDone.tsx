import { t } from '../../i18n';
import { RecordDone } from '../../ui/RecordDone';

/** Confirmation with the short reference, and where the sign-up is now: on this device, or with the council. */
export function SignupDone(props: { id: string; reference: string }) {
  return (
    <RecordDone
      id={props.id}
      reference={props.reference}
      title={t('panels.done.title')}
      referenceLabel={t('panels.done.reference')}
      waiting={t('panels.done.waiting')}
      sent={t('panels.done.sent')}
      refused={
        <>
          {t('panels.done.refused')} <a href="/status">{t('panels.done.statusLink')}</a>
        </>
      }
    >
      <h2>{t('panels.done.nextTitle')}</h2>
      <p>{t('panels.done.next')}</p>
      <p>
        <a href="/" class="button button--secondary">
          {t('panels.done.home')}
        </a>
      </p>
    </RecordDone>
  );
}
