import { existsSync } from 'node:fs';
import { chromePath } from './browser';
import { builtApp } from './dist';

/** Fail at once, with the fix in words, rather than hang: no Chromium, or no built app. */
export default function setup(): void {
  const chrome = chromePath();
  if (!existsSync(chrome)) {
    throw new Error(
      `Chromium was not found at ${chrome}. End-to-end tests drive a real Chromium: install it with ` +
        '"apt-get install -y chromium", or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  if (!existsSync(`${builtApp}/index.html`) || !existsSync(`${builtApp}/sw.js`)) {
    throw new Error(`The built app (${builtApp}/) is missing. "npm test" builds it first; to run e2e alone use "npm run test:e2e".`);
  }
}
