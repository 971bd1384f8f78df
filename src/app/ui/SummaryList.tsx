import { For } from 'solid-js';
import { t } from '../i18n';

export interface SummaryRow {
  key: string;
  value: string;
  /** Where "Change" goes: the step that asks this question. */
  href: string;
}

/**
 * "Check your answers": each answer with its question's label and a Change link that names the question
 * for screen readers. Values are bidi-isolated, so a Latin name keeps its order in right-to-left text.
 */
export function SummaryList(props: { rows: SummaryRow[]; label: (key: string) => string }) {
  return (
    <dl class="summary-list">
      <For each={props.rows}>
        {(row) => (
          <div class="summary-list__row">
            <dt>{props.label(row.key)}</dt>
            <dd>
              <bdi>{row.value}</bdi>
            </dd>
            <dd class="summary-list__action">
              <a href={row.href}>
                {t('form.change')}
                <span class="visually-hidden"> {props.label(row.key)}</span>
              </a>
            </dd>
          </div>
        )}
      </For>
    </dl>
  );
}
