import type { Context } from 'hono';
import { escapeSpreadsheetCell } from '../../core/text';

/** CSV with every cell formula-safe and quoted where needed; CRLF line ends as spreadsheets expect. */
export function toCsv(header: readonly string[], rows: Record<string, unknown>[]): string {
  const cell = (value: unknown) => {
    const text = escapeSpreadsheetCell(value === null || value === undefined ? '' : String(value));
    return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
}

/** An export as a CSV download, with a byte-order mark so spreadsheet programs read every script correctly. */
export function csvDownload(c: Context, filename: string, header: readonly string[], rows: Record<string, unknown>[]): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(`\uFEFF${toCsv(header, rows)}`);
}
