import { createSignal } from 'solid-js';

/**
 * What stays chosen between points (and while the worker hands the tablet over and back): the theme, the
 * lens and quote/summary. Memory only; none of it is personal.
 */
export const [stickyTheme, setStickyTheme] = createSignal('');
export const [stickyLens, setStickyLens] = createSignal('');
export const [stickyForm, setStickyForm] = createSignal<'quote' | 'summary'>('summary');
