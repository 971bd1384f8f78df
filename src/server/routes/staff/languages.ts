import { TranslationReportFilter } from '../../../core/records/translationReport';
import type { AppContext } from '../../context';
import { readQuery } from '../../http/problem';
import type { Endpoint } from './endpoint';

/**
 * Languages: which languages residents answered in (records of every kind, by the language the app was in)
 * and residents' reports of poor translations. Admins and analysts: nothing here names anyone, and a report
 * whose text seems to hold personal data is shown to admins only.
 */
export function languageEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;
  return [
    {
      method: 'GET',
      path: '/languages',
      roles: ['admin', 'analyst'],
      handle: async (c, staff) => {
        const q = readQuery(c, TranslationReportFilter);
        if (!q.ok) return q.response;
        let reports = db.selectFrom('translation_reports').selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(500);
        if (q.value.language) reports = reports.where('language', '=', q.value.language);
        const [rows, byLanguage, answered] = await Promise.all([
          reports.execute(),
          db
            .selectFrom('translation_reports')
            .select(['language', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('language')
            .orderBy('language')
            .execute(),
          db
            .selectFrom('records')
            .select(['kind', 'locale', (eb) => eb.fn.countAll<number>().as('n')])
            .where('outcome', '=', 'stored')
            .groupBy(['kind', 'locale'])
            .orderBy('kind')
            .orderBy('locale')
            .execute(),
        ]);
        const mayReadHeld = staff.role === 'admin';
        return c.json({
          answeredIn: answered.map((r) => ({ kind: r.kind, locale: r.locale, count: Number(r.n) })),
          reportsByLanguage: byLanguage.map((r) => ({ language: r.language, count: Number(r.n) })),
          reports: rows.map((r) => {
            const hidden = r.review === 'held' && !mayReadHeld;
            return {
              id: r.id,
              language: r.language,
              problem: hidden ? null : r.problem,
              where: hidden ? null : r.where_text,
              page: r.page,
              locale: r.locale,
              heldFor: r.held_for ? r.held_for.split(',') : [],
              receivedAt: r.received_at,
            };
          }),
        });
      },
    },
  ];
}
