import { For, Show, createSignal, onMount } from 'solid-js';
import { formatDateTime, formatLocale, language } from '../../i18n';
import { api } from './api';
import { at, atCount, languageName } from './i18n';
import { wardName } from './session';
import { Loading, ProblemBox, SuccessBox } from './ui';

interface Item {
  id: string;
  name: string;
  ward: string | null;
  message: string | null;
  status: 'pending' | 'held' | 'approved' | 'rejected';
  createdAt: string;
  locale: string;
  heldFor: ('email' | 'phone' | 'postcode' | 'link')[];
}

/** The pledge-wall queue: every message a resident asked to show is read by a person first. */
export function ModerationPage() {
  const [items, setItems] = createSignal<Item[]>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal<string>();

  const load = async () => {
    const answer = await api<{ items: Item[] }>('GET', '/pledges/moderation');
    if (answer.ok) setItems(answer.data.items);
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const decide = async (item: Item, decision: 'approve' | 'reject') => {
    setBusy(item.id);
    setProblem(undefined);
    setDone(undefined);
    const answer = await api<{ ok: true; status: string }>('POST', `/pledges/${encodeURIComponent(item.id)}/moderation`, { decision });
    setBusy(undefined);
    if (!answer.ok) {
      // Someone else decided first: the item is gone from the queue either way.
      if (answer.error === 'not-found') setItems((list) => list?.filter((i) => i.id !== item.id));
      setProblem(answer.error);
      return;
    }
    setItems((list) => list?.filter((i) => i.id !== item.id));
    setDone(at(decision === 'approve' ? 'admin.moderation.approved' : 'admin.moderation.rejected', { name: item.name }));
  };

  const heldWords = (kinds: Item['heldFor']) => new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(kinds.map((k) => at(`admin.heldFor.${k}`)));

  return (
    <>
      <h1>{at('admin.moderation.title')}</h1>
      <p>{at('admin.moderation.intro')}</p>
      <p>
        <a href="/wall">{at('admin.moderation.wallLink')}</a>
      </p>
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <Show when={items()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <>
            <h2>{atCount('admin.moderation.waiting', list().length)}</h2>
            <Show when={list().length > 0} fallback={<p>{at('admin.moderation.empty')}</p>}>
              <ul class="moderation-list">
                <For each={list()}>
                  {(item) => (
                    <li class="card moderation-item" classList={{ 'moderation-item--held': item.status === 'held' }}>
                      <h3 class="moderation-item__name">
                        <bdi>{item.name}</bdi>
                      </h3>
                      <dl class="meta-list">
                        <div>
                          <dt>{at('admin.moderation.ward')}</dt>
                          <dd>{wardName(item.ward) ?? at('admin.overview.noWard')}</dd>
                        </div>
                        <div>
                          <dt>{at('admin.moderation.date')}</dt>
                          <dd>{formatDateTime(item.createdAt)}</dd>
                        </div>
                        <div>
                          <dt>{at('admin.moderation.language')}</dt>
                          <dd>{languageName(item.locale)}</dd>
                        </div>
                        <div>
                          <dt>{at('admin.moderation.status')}</dt>
                          <dd>{at(`admin.moderation.statuses.${item.status}`)}</dd>
                        </div>
                      </dl>
                      <blockquote class="moderation-item__message" dir="auto">
                        {item.message ?? ''}
                      </blockquote>
                      <Show when={item.status === 'held' && item.heldFor.length > 0}>
                        <p class="warning-text">{at('admin.moderation.heldBecause', { kinds: heldWords(item.heldFor) })}</p>
                      </Show>
                      <div class="actions actions--tight">
                        <button type="button" class="button" disabled={busy() === item.id} onClick={() => void decide(item, 'approve')}>
                          {at('admin.moderation.approve')}
                          <span class="visually-hidden"> {at('admin.moderation.messageFrom', { name: item.name })}</span>
                        </button>
                        <button type="button" class="button button--secondary" disabled={busy() === item.id} onClick={() => void decide(item, 'reject')}>
                          {at('admin.moderation.reject')}
                          <span class="visually-hidden"> {at('admin.moderation.messageFrom', { name: item.name })}</span>
                        </button>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
