import { For, Show } from 'solid-js';
import { catalog, profile } from '../../appState';
import { formatLocale, formatNumber, t } from '../../i18n';

/** The public pledge wall: messages staff approved, newest first, and pledges per ward. From the catalog, so it reads offline. */
export function WallPage() {
  const wall = () => catalog().wall;
  const wardName = (id: string | null) => (id ? (profile().wards.find((w) => w.id === id)?.name ?? id) : t('wall.noWard'));
  const day = (iso: string) => new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' }).format(new Date(`${iso}T12:00:00Z`));
  return (
    <>
      <h1>{t('wall.title')}</h1>
      <p class="lead">{t('home.pledgeCount', { count: catalog().counts.pledges, formatted: formatNumber(catalog().counts.pledges) })}</p>
      <Show when={wall().messages.length > 0} fallback={<p>{t('wall.empty')}</p>}>
        <ul class="wall">
          <For each={wall().messages}>
            {(m) => (
              <li class="wall__item">
                <blockquote dir="auto" lang={m.locale}>
                  {m.message}
                </blockquote>
                <p class="wall__by">
                  <bdi>{m.name}</bdi>
                  <Show when={m.ward}> · {wardName(m.ward)}</Show> · {day(m.day)}
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={wall().byWard.length > 0}>
        <table class="table">
          <caption>{t('wall.byWard')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pledge.fields.ward')}</th>
              <th scope="col">{t('wall.count')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={[...wall().byWard].sort((a, b) => b.count - a.count)}>
              {(row) => (
                <tr>
                  <th scope="row">{wardName(row.ward)}</th>
                  <td>{formatNumber(row.count)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <p>
        <a href="/pledge" class="button">
          {t('home.pledgeStart')}
        </a>
      </p>
    </>
  );
}
