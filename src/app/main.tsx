import { render } from 'solid-js/web';
import { App } from './App';
import { chooseLanguage, loadCatalog, startSyncTriggers, updateCatalog } from './appState';
import { initialLanguage, loadFallbackLanguage } from './i18n';
import { registerServiceWorker } from './pwa/register';
import { focusHeading, startRouter } from './router';
import './ui/styles.css';

/**
 * Start-up works with no network: the catalog comes from IndexedDB (or the built-in profile), the
 * language from its precached chunk. The network is only asked afterwards.
 */
async function start() {
  const catalog = await loadCatalog();
  await chooseLanguage(initialLanguage(catalog.profile.languages));
  startRouter();
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  root.textContent = '';
  render(() => <App />, root);
  document.documentElement.dataset['ready'] = 'true';
  // The first page is usable from here: `npm run bench` counts the JavaScript fetched before this mark.
  performance.mark('mv-usable');
  void loadFallbackLanguage();
  void registerServiceWorker();
  startSyncTriggers();
  void updateCatalog();
  if (location.pathname !== '/') focusHeading();
}

void start();
