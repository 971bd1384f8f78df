/**
 * Structured one-line logs. Callers pass counts and codes, never record content: personal data is not
 * logged, and nothing here accepts a record.
 */
export interface Log {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

export const consoleLog = (quiet = false): Log => ({
  info: (event, fields) => {
    if (!quiet) console.log(JSON.stringify({ at: new Date().toISOString(), level: 'info', event, ...fields }));
  },
  error: (event, fields) => console.error(JSON.stringify({ at: new Date().toISOString(), level: 'error', event, ...fields })),
});
