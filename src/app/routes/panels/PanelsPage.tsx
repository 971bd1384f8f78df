import { For, Show } from 'solid-js';
import { awaitingFirstCatalog, catalog } from '../../appState';
import { localize } from '../../../core/profile/schema';
import { language, t } from '../../i18n';
import { PanelFacts, PanelText } from './PanelDetails';
import { JOIN } from './steps';
import { openPanels } from './openPanels';

/** The citizen panels open for sign-up, from the last catalog: readable offline. */
export function PanelsPage() {
  const panels = () => openPanels(catalog().panels ?? [], Date.now());
  return (
    <>
      <h1>{t('panels.list.title')}</h1>
      <p class="lead">{t('panels.list.intro')}</p>
      <Show when={panels().length > 0} fallback={<Show when={!awaitingFirstCatalog()} fallback={<div class="awaiting-catalog" aria-busy="true" />}><p>{t('panels.list.none')}</p></Show>}>
        <For each={panels()}>
          {(panel) => (
            <article class="card panel-card">
              <PanelText panel={panel} heading="h2" />
              <PanelFacts panel={panel} />
              <p class="card__more">
                <a class="button" href={`${JOIN}?panel=${panel.id}`}>
                  {t('panels.list.join')}
                  <span class="visually-hidden">: {localize(panel.topic as { en: string }, language()).text}</span>
                </a>
              </p>
            </article>
          )}
        </For>
      </Show>
      <p class="journey-note">{t('panels.list.offline')}</p>
    </>
  );
}
