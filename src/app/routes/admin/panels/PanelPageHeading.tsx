import { Show } from 'solid-js';
import { localize } from '../../../../core/profile/schema';
import { language } from '../../../i18n';
import { at } from '../i18n';
import type { StaffPanel } from './panelsApi';

/** A page about one panel: its title with the panel's topic (in the reader's language or English), and the way back to the list. */
export function PanelPageHeading(props: { title: string; panel: StaffPanel | undefined }) {
  const topic = () => (props.panel ? localize(props.panel.topic, language()) : undefined);
  return (
    <>
      <h1>
        {props.title}
        <Show when={topic()}>
          {(tp) => (
            <>
              {': '}
              <span lang={tp().lang} dir="auto">
                {tp().text}
              </span>
            </>
          )}
        </Show>
      </h1>
      <p>
        <a href="/admin/panels">{at('admin.panels.backToList')}</a>
      </p>
    </>
  );
}
