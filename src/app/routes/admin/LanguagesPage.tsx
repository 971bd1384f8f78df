import { For, Show, createSignal, onMount } from 'solid-js';
import { formatDateTime, formatLocale, formatNumber, language, t } from '../../i18n';
import { SelectField } from '../../ui/form';
import { api, query } from './api';
import { ChartPanel, HorizontalBars } from './charts';
import { at, languageName } from './i18n';
import { staffProfile } from './session';
import { Loading, ProblemBox, TableScroll } from './ui';

interface LanguagesAnswer {
  answeredIn: { kind: string; locale: string; count: number }[];
  reportsByLanguage: { language: string; count: number }[];
  reports: {
    id: string;
    language: string;
    /** null when the text seems to hold personal data and the reader is not an admin. */
    problem: string | null;
    where: string | null;
    page: string | null;
    locale: string;
    heldFor: string[];
    receivedAt: string;
  }[];
}

/** Which languages residents answered in, and residents' reports of poor translations (admins and analysts). */
export function LanguagesPage() {
  const [filter, setFilter] = createSignal('');
  const [data, setData] = createSignal<LanguagesAnswer>();
  const [problem, setProblem] = createSignal<string>();
  let latest = 0;
  const load = async () => {
    setProblem(undefined);
    const mine = ++latest;
    const answer = await api<LanguagesAnswer>('GET', `/languages${query({ language: filter() })}`);
    if (mine !== latest) return;
    if (answer.ok) setData(answer.data);
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const byLanguage = () => {
    const totals = new Map<string, number>();
    for (const r of data()?.answeredIn ?? []) totals.set(r.locale, (totals.get(r.locale) ?? 0) + r.count);
    return [...totals].sort((a, b) => b[1] - a[1]).map(([code, value]) => ({ label: languageName(code), value }));
  };
  const total = () => byLanguage().reduce((sum, r) => sum + r.value, 0);
  const languageOptions = () => [
    { value: '', label: at('admin.languages.allLanguages') },
    ...(staffProfile()?.languages ?? []).map((l) => ({ value: l.code, label: languageName(l.code) })),
  ];
  const heldWords = (kinds: string[]) => new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(kinds.map((k) => at(`admin.heldFor.${k}`)));

  return (
    <>
      <h1>{at('admin.languages.title')}</h1>
      <p>{at('admin.languages.intro')}</p>
      <ProblemBox code={problem()} />
      <Show when={data()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(d) => (
          <>
            <ChartPanel
              title={at('admin.languages.answeredIn')}
              chart={<HorizontalBars rows={byLanguage()} summary={at('admin.languages.answeredIn')} />}
              columns={[at('admin.languages.language'), at('admin.languages.records')]}
              rows={byLanguage()}
              total={total()}
            />
            <Show when={d().answeredIn.length > 0}>
              <TableScroll labelledBy="languages-by-kind">
                <table class="data-table">
                  <caption id="languages-by-kind">{at('admin.languages.byKind')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{at('admin.languages.kind')}</th>
                      <th scope="col">{at('admin.languages.language')}</th>
                      <th scope="col" class="numeric">
                        {at('admin.languages.records')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().answeredIn}>
                      {(r) => (
                        <tr>
                          <td>{t([`kinds.${r.kind}`, 'errors.unknown'])}</td>
                          <td>{languageName(r.locale)}</td>
                          <td class="numeric">{formatNumber(r.count)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableScroll>
            </Show>

            <h2 id="translation-reports">{at('admin.languages.reports')}</h2>
            <p>{at('admin.languages.reportsIntro')}</p>
            <form
              class="filters"
              novalidate
              aria-label={at('admin.filters.label')}
              onSubmit={(e) => {
                e.preventDefault();
                void load();
              }}
            >
              <SelectField name="language" label={at('admin.languages.language')} value={filter()} options={languageOptions()} onChange={setFilter} />
              <div class="filters__actions">
                <button type="submit" class="button">
                  {at('admin.filters.apply')}
                </button>
              </div>
            </form>
            <Show when={d().reports.length > 0} fallback={<p>{at('admin.languages.noReports')}</p>}>
              <TableScroll labelledBy="translation-reports-caption">
                <table class="data-table">
                  <caption id="translation-reports-caption">{at('admin.languages.reportsCaption', { count: d().reports.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{at('admin.languages.received')}</th>
                      <th scope="col">{at('admin.languages.language')}</th>
                      <th scope="col">{at('admin.languages.problem')}</th>
                      <th scope="col">{at('admin.languages.where')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().reports}>
                      {(r) => (
                        <tr>
                          <td>{formatDateTime(r.receivedAt)}</td>
                          <td>{languageName(r.language)}</td>
                          <td dir="auto">
                            <Show when={r.problem !== null} fallback={<em>{at('admin.languages.hidden', { what: heldWords(r.heldFor) })}</em>}>
                              {r.problem}
                              <Show when={r.heldFor.length > 0}>
                                {' '}
                                <span class="tag">{at('admin.languages.held', { what: heldWords(r.heldFor) })}</span>
                              </Show>
                            </Show>
                          </td>
                          <td dir="auto">
                            {r.where ?? ''}
                            <Show when={r.page}>
                              {(page) => (
                                <>
                                  {r.where ? ' · ' : ''}
                                  <bdi dir="ltr">{page()}</bdi>
                                </>
                              )}
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableScroll>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
