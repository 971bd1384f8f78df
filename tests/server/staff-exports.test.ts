/**
 * Pledge exports: CSV (with a BOM, quoted where needed and safe to open in a spreadsheet) and JSON,
 * filtered by inclusive days and ward, each one written to the audit log with its row count.
 */
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toCsv } from '../../src/server/http/download';
import { auditEntries, createStaff, databases, pledge, startServer, type RecordInput, type StaffMember, type TestServer } from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/** A small RFC 4180 reader: rows of cells, quotes and doubled quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const day = (d: string, time = '12:00:00.000') => ({ createdAt: `${d}T${time}Z` });

for (const database of databases()) {
  describe(`pledge exports on ${database.name}`, () => {
    let server: TestServer;
    let admin: StaffMember;
    let analyst: StaffMember;
    const p = {
      beforeRange: pledge({ name: 'Before Range', ward: 'biscot' }, day('2026-02-28', '23:59:59.999')),
      firstMoment: pledge({ name: 'First Moment', ward: 'biscot' }, day('2026-03-01', '00:00:00.000')),
      lastMoment: pledge({ name: 'Last Moment', ward: 'dallow' }, day('2026-03-01', '23:59:59.999')),
      secondDay: pledge({ name: 'Second Day', ward: 'biscot', email: 'second.day@example.org', emailConsent: true }, day('2026-03-02')),
      afterRange: pledge({ name: 'After Range', ward: 'biscot' }, day('2026-03-03', '00:00:00.000')),
      formula: pledge({ name: '=HYPERLINK("http://evil.example","x")', ward: 'saints' }, day('2026-04-01')),
      plus: pledge({ name: '+44 7700', ward: 'saints' }, day('2026-04-01')),
      minus: pledge({ name: '-2+3', ward: 'saints' }, day('2026-04-01')),
      at: pledge({ name: '@SUM(A1:A9)', ward: 'saints' }, day('2026-04-01')),
      commas: pledge({ name: 'Smith, "Jo"', ward: 'saints', message: 'Line one\nline two, with "quotes"' }, day('2026-04-02')),
      urdu: pledge({ name: 'عائشہ', ward: 'saints' }, day('2026-04-02')),
    } satisfies Record<string, RecordInput>;

    beforeAll(async () => {
      server = await startServer(database);
      admin = await createStaff(server, { email: 'exporter@example.org', role: 'admin' });
      analyst = await createStaff(server, { email: 'analyst@example.org', role: 'analyst' });
      const res = await server.sync({ records: Object.values(p) });
      expect(res.body.results.every((r: { status: string }) => r.status === 'stored'), JSON.stringify(res.body)).toBe(true);
    });
    afterAll(async () => {
      await server?.close();
    });

    const exportCsv = async (query = '', who: StaffMember = admin) => {
      const res = await who.get(`/exports/pledges${query}`);
      expect(res.status, res.text).toBe(200);
      return res;
    };
    const exportJson = async (query = '', who: StaffMember = admin) => {
      const res = await who.get(`/exports/pledges?format=json${query ? `&${query}` : ''}`);
      expect(res.status, res.text).toBe(200);
      return res.body as { kind: string; exportedAt: string; filter: Record<string, string>; records: Record<string, any>[] };
    };
    const namesOf = (records: Record<string, any>[]) => records.map((r) => r['name']).sort();

    it('CSV: a UTF-8 byte-order mark, a header, CRLF lines, an attachment', async () => {
      const res = await exportCsv();
      expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/i);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pledges-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(res.text.slice(1));
      expect(rows[0]).toEqual(['id', 'reference', 'created_at', 'received_at', 'locale', 'ward', 'moderation', 'name', 'message', 'show_message', 'email', 'email_consent']);
      expect(rows).toHaveLength(1 + Object.keys(p).length);
      expect(res.text.endsWith('\r\n')).toBe(true);
      const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
      expect(byId.get(p.secondDay.id)?.slice(5)).toEqual(['biscot', 'none', 'Second Day', '', '0', 'second.day@example.org', '1']);
      expect(byId.get(p.secondDay.id)?.[1]).toBe(p.secondDay.id.replace(/-/g, '').slice(-6).toUpperCase());
      expect(byId.get(p.urdu.id)?.[7]).toBe('عائشہ');
    });

    it('CSV: a cell starting with = + - or @ is escaped with a leading apostrophe; commas, quotes and newlines are quoted', async () => {
      const res = await exportCsv();
      const rows = parseCsv(res.text.slice(1));
      const nameOf = (id: string) => rows.find((r) => r[0] === id)?.[7];
      expect(nameOf(p.formula.id)).toBe(`'=HYPERLINK("http://evil.example","x")`);
      expect(nameOf(p.plus.id)).toBe(`'+44 7700`);
      expect(nameOf(p.minus.id)).toBe(`'-2+3`);
      expect(nameOf(p.at.id)).toBe(`'@SUM(A1:A9)`);
      expect(nameOf(p.commas.id)).toBe('Smith, "Jo"');
      expect(rows.find((r) => r[0] === p.commas.id)?.[8]).toBe('Line one\nline two, with "quotes"');
      // On the wire: quoted, quotes doubled, no cell starts with a formula character.
      expect(res.text).toContain(`"Smith, ""Jo"""`);
      expect(res.text).toContain(`"Line one\nline two, with ""quotes"""`);
      for (const row of rows.slice(1)) for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('CSV: a stored name starting with a tab or a carriage return is escaped too', async () => {
      // Sync cleans names (no leading white space), so put such rows straight into the database, as an
      // older version or an import could have left them.
      const rows = [
        { id: v7(), name: '\t=1+1', message: '\r=2+2' },
        { id: v7(), name: '\rcmd', message: '\tnote' },
      ];
      for (const r of rows) {
        const now = '2026-06-01T10:00:00.000Z';
        await server.db.insertInto('records').values({ id: r.id, kind: 'pledge', schema_version: 1, content_hash: 'x'.repeat(64), locale: 'en', created_at: now, received_at: now, outcome: 'stored', device_id: null }).execute();
        await server.db
          .insertInto('pledges')
          .values({ id: r.id, pledge_version: '2026-1', name: r.name, ward: 'wigmore', message: r.message, show_message: 0, email: null, email_consent: 0, person_key: null, moderation: 'none', locale: 'en', created_at: now, received_at: now, moderated_at: null, moderated_by: null })
          .execute();
      }
      const res = await exportCsv('?ward=wigmore');
      const parsed = parseCsv(res.text.slice(1)).slice(1);
      expect(parsed).toHaveLength(2);
      for (const r of rows) {
        const row = parsed.find((x) => x[0] === r.id);
        expect(row?.[7]).toBe(`'${r.name}`);
        expect(row?.[8]).toBe(`'${r.message}`);
      }
      // And the function itself, for every dangerous first character.
      const csv = toCsv(['a'], ['=x', '+x', '-x', '@x', '\tx', '\rx', 'x=', 'plain'].map((a) => ({ a })));
      expect(parseCsv(csv).slice(1).map((r) => r[0])).toEqual(["'=x", "'+x", "'-x", "'@x", "'\tx", "'\rx", 'x=', 'plain']);
      await server.db.deleteFrom('pledges').where('ward', '=', 'wigmore').execute();
      await server.db.deleteFrom('records').where('id', 'in', rows.map((r) => r.id)).execute();
    });

    it('JSON: the same records, unescaped, as an attachment', async () => {
      const res = await admin.get('/exports/pledges?format=json');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pledges-\d{4}-\d{2}-\d{2}\.json"$/);
      const body = res.body as { kind: string; records: Record<string, any>[] };
      expect(body.kind).toBe('pledge');
      expect(body.records).toHaveLength(Object.keys(p).length);
      expect(body.records.find((r) => r['id'] === p.formula.id)?.['name']).toBe('=HYPERLINK("http://evil.example","x")');
      // Oldest first.
      const created = body.records.map((r) => r['created_at'] as string);
      expect(created).toEqual([...created].sort());
    });

    it('filters by inclusive days (from/to) and by ward, in CSV and JSON alike', async () => {
      const march = await exportJson('from=2026-03-01&to=2026-03-02');
      expect(namesOf(march.records)).toEqual(['First Moment', 'Last Moment', 'Second Day']);
      expect(march.filter).toEqual({ format: 'json', from: '2026-03-01', to: '2026-03-02' });
      const oneDay = await exportJson('from=2026-03-01&to=2026-03-01');
      expect(namesOf(oneDay.records)).toEqual(['First Moment', 'Last Moment']);
      expect(namesOf((await exportJson('to=2026-02-28')).records)).toEqual(['Before Range']);
      expect(namesOf((await exportJson('from=2026-03-03&to=2026-03-31')).records)).toEqual(['After Range']);
      expect(namesOf((await exportJson('from=2026-03-01&to=2026-03-02&ward=biscot')).records)).toEqual(['First Moment', 'Second Day']);
      expect((await exportJson('ward=stopsley')).records).toEqual([]);

      const csv = parseCsv((await exportCsv('?from=2026-03-01&to=2026-03-02&ward=biscot')).text.slice(1));
      expect(csv.slice(1).map((r) => r[7]).sort()).toEqual(['First Moment', 'Second Day']);
      // The analyst's export filters the same way (without the contact columns).
      expect((await exportJson('from=2026-03-01&to=2026-03-02', analyst)).records.map((r) => r['id']).sort()).toEqual([p.firstMoment.id, p.lastMoment.id, p.secondDay.id].sort());
    });

    it('refuses a malformed filter with a field problem', async () => {
      for (const [query, field] of [
        ['from=yesterday', 'from'],
        ['to=2026-3-1', 'to'],
        ['from=2026-13-01', 'from'],
        ['format=xlsx', 'format'],
        ['ward=' + 'w'.repeat(41), 'ward'],
      ] as const) {
        const res = await admin.get(`/exports/pledges?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body, query).toMatchObject({ error: 'invalid-fields', fields: [{ field }] });
      }
    });

    it('a day that does not exist (2026-02-31) is refused, not read as 3 March', async () => {
      const res = await admin.get('/exports/pledges?format=json&from=2026-02-01&to=2026-02-31');
      expect(res.status, `answered ${res.status} with ${(res.body?.records ?? []).map((r: any) => r.name).join(', ')}`).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid-fields', fields: [{ field: 'to', code: 'invalid-format' }] });
    });

    it('to=9999-12-31 (the last day there is) includes everything', async () => {
      expect((await exportJson('to=9999-12-31')).records).toHaveLength(Object.keys(p).length);
    });

    it('every export writes an export audit entry with its row count and filter', async () => {
      const before = (await auditEntries(server, 'export')).length;
      await exportCsv('?from=2026-03-01&to=2026-03-02');
      await exportJson('ward=saints');
      await exportJson('', analyst);
      const entries = (await auditEntries(server, 'export')).slice(before);
      expect(entries).toHaveLength(3);
      expect(entries[0]).toMatchObject({ actor: 'exporter@example.org', subject: 'pledges', detail: { from: '2026-03-01', to: '2026-03-02', rows: 3, contacts: true } });
      expect(entries[1]).toMatchObject({ actor: 'exporter@example.org', detail: { format: 'json', ward: 'saints', rows: 6, contacts: true } });
      expect(entries[2]).toMatchObject({ actor: 'analyst@example.org', detail: { format: 'json', rows: Object.keys(p).length, contacts: false } });
    });
  });
}
