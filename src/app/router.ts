import { createSignal } from 'solid-js';

/**
 * A small history router: the app has a handful of journeys, each a folder under routes/. Page changes
 * move focus to the new page's heading, so screen-reader users hear where they are.
 */
const [path, setPath] = createSignal(typeof location === 'undefined' ? '/' : location.pathname);
export const currentPath = path;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname) return focusHeading();
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  setPath(location.pathname);
  window.scrollTo(0, 0);
  queueMicrotask(focusHeading);
}

export function startRouter(): void {
  window.addEventListener('popstate', () => {
    setPath(location.pathname);
    queueMicrotask(focusHeading);
  });
  // Same-origin links are routed here rather than reloading the page.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (link.pathname.startsWith('/api/') || link.getAttribute('href')?.startsWith('#')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
}

export function focusHeading(): void {
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      document.title = `${heading.textContent ?? ''} – Many Voices`;
    }
  });
}
