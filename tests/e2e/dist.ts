/**
 * The built app the e2e tests serve: `dist` (what `npm test` builds), or E2E_DIST, so that two builds made at
 * once (say, by two people on one machine) do not replace each other's files under a running test.
 */
export const builtApp = process.env['E2E_DIST'] || 'dist';
