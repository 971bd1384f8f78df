import { Show } from 'solid-js';
import type { PublicPanel } from '../../../core/panels/panel';
import { formatDateTime, t } from '../../i18n';
import { Localized } from '../../ui/Localized';

/** When, where and for whom: the facts of one panel, as a description list. */
export function PanelFacts(props: { panel: PublicPanel }) {
  const p = () => props.panel;
  return (
    <dl class="panel-facts">
      <div>
        <dt>{t('panels.facts.when')}</dt>
        <dd>
          <bdi>{formatDateTime(p().startsAt)}</bdi> – <bdi>{formatDateTime(p().endsAt)}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t('panels.facts.format')}</dt>
        <dd>{t(`panels.format.${p().format}`)}</dd>
      </div>
      <Show when={p().place}>
        {(place) => (
          <div>
            <dt>{t('panels.facts.place')}</dt>
            <dd>
              <bdi>{place()}</bdi>
            </dd>
          </div>
        )}
      </Show>
      <div>
        <dt>{t('panels.facts.who')}</dt>
        <dd>{t('panels.facts.minAge', { age: p().minAge })}</dd>
      </div>
      <div>
        <dt>{t('panels.facts.deadline')}</dt>
        <dd>
          <bdi>{formatDateTime(p().signupDeadline)}</bdi>
        </dd>
      </div>
    </dl>
  );
}

/** A panel's topic and description, in the reader's language or English (marked). */
export function PanelText(props: { panel: PublicPanel; heading: 'h2' | 'h1' }) {
  return (
    <>
      <Localized text={props.panel.topic as { en: string }} as={props.heading} />
      <Localized text={props.panel.description as { en: string }} as="p" />
    </>
  );
}
