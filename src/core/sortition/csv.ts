/**
 * CSV input in the reference format (Flanigan et al. replication data / Sortition Foundation):
 *  - categories.csv: header `category,feature,min,max`, one line per (category, value);
 *  - respondents.csv: header = category names (plus optionally an id column), one line per volunteer.
 * RFC 4180 quoting is supported; cells are trimmed; a UTF-8 BOM and blank lines are ignored.
 */
import type { Category, SortitionInstance, Volunteer } from './types';

export type CsvErrorCode = 'missing-column' | 'bad-number' | 'row-length' | 'unterminated-quote' | 'empty';

export class SortitionCsvError extends Error {
  constructor(
    readonly code: CsvErrorCode,
    /** 1-based line of the CSV text (0 when not tied to a line). */
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${code} (line ${line}): ${detail}`);
    this.name = 'SortitionCsvError';
  }
}

/** Parses CSV text into rows of trimmed cells, with the 1-based line number of each row. */
export function parseCsv(text: string): { cells: string[]; line: number }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { cells: string[]; line: number }[] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let quotedCell = false;
  const endCell = (): void => {
    row.push(quotedCell ? cell : cell.trim());
    cell = '';
    quotedCell = false;
  };
  const endRow = (): void => {
    endCell();
    if (row.some((c) => c !== '')) rows.push({ cells: row, line: rowLine });
    row = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      quotedCell = true;
      cell = '';
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (!(quotedCell && (ch === ' ' || ch === '\t'))) {
      cell += ch;
    }
  }
  if (inQuotes) throw new SortitionCsvError('unterminated-quote', rowLine, 'a quoted cell is not closed');
  endRow();
  return rows;
}

const findColumn = (header: string[], names: string[]): number =>
  header.findIndex((h) => names.includes(h.trim().toLowerCase()));

/** categories.csv → categories (order of first appearance kept). */
export function parseCategoriesCsv(text: string): Category[] {
  const rows = parseCsv(text);
  const head = rows[0];
  if (!head) throw new SortitionCsvError('empty', 0, 'no header line');
  const header = head.cells;
  const cCat = findColumn(header, ['category']);
  const cVal = findColumn(header, ['feature', 'value', 'name']);
  const cMin = findColumn(header, ['min']);
  const cMax = findColumn(header, ['max']);
  const missing = [
    ['category', cCat],
    ['feature', cVal],
    ['min', cMin],
    ['max', cMax],
  ].filter(([, c]) => c === -1);
  if (missing.length > 0) throw new SortitionCsvError('missing-column', head.line, missing.map(([n]) => n).join(', '));
  const categories: Category[] = [];
  const byName = new Map<string, Category>();
  for (const { cells, line } of rows.slice(1)) {
    const get = (c: number): string => cells[c] ?? '';
    const num = (c: number, what: string): number => {
      const s = get(c);
      const x = Number(s);
      if (s === '' || !Number.isFinite(x)) throw new SortitionCsvError('bad-number', line, `${what} "${s}"`);
      return x;
    };
    const name = get(cCat);
    let cat = byName.get(name);
    if (!cat) {
      cat = { name, values: [] };
      byName.set(name, cat);
      categories.push(cat);
    }
    cat.values.push({ value: get(cVal), min: num(cMin, 'min'), max: num(cMax, 'max') });
  }
  return categories;
}

/**
 * respondents.csv → volunteers. The id is taken from `idColumn`, else from a column named `id`,
 * `person_id` or `nationbuilder_id` (case-insensitive), else it is the 1-based data row number.
 * Every other column becomes a feature (columns that are not categories are simply ignored by
 * the selection).
 */
export function parseRespondentsCsv(text: string, options: { idColumn?: string } = {}): Volunteer[] {
  const rows = parseCsv(text);
  const head = rows[0];
  if (!head) throw new SortitionCsvError('empty', 0, 'no header line');
  const header = head.cells;
  let idCol = -1;
  if (options.idColumn !== undefined) {
    idCol = header.indexOf(options.idColumn);
    if (idCol < 0) throw new SortitionCsvError('missing-column', head.line, options.idColumn);
  } else {
    idCol = findColumn(header, ['id', 'person_id', 'nationbuilder_id']);
  }
  return rows.slice(1).map(({ cells, line }, r) => {
    if (cells.length > header.length) throw new SortitionCsvError('row-length', line, `${cells.length} cells, header has ${header.length}`);
    const features: Record<string, string> = {};
    header.forEach((h, c) => {
      if (c !== idCol) features[h] = cells[c] ?? '';
    });
    return { id: idCol >= 0 ? (cells[idCol] ?? '') : String(r + 1), features };
  });
}

/** Builds an instance from the two CSV texts. */
export function instanceFromCsv(categoriesCsv: string, respondentsCsv: string, k: number, options: { idColumn?: string } = {}): SortitionInstance {
  return { k, categories: parseCategoriesCsv(categoriesCsv), volunteers: parseRespondentsCsv(respondentsCsv, options) };
}
