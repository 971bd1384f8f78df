import { For, Show, createSignal, onMount } from 'solid-js';
import { RedactionRequest } from '../../../core/listening';
import { FEEDBACK_LIMITS } from '../../../core/records/feedback';
import { check } from '../../../core/validation';
import { formatDateTime, formatLocale } from '../../i18n';
import { ErrorSummary, TextArea } from '../../ui/form';
import { api } from './api';
import { at, atCount, fieldText } from './i18n';
import { lensLabel, themeLabel } from './listening';
import './listening.css';
import { Loading, ProblemBox, SuccessBox } from './ui';

interface HeldItem {
  id: string;
  eventId: string;
  eventTitle: string;
  theme: string;
  lens: string;
  text: string;
  form: string;
  source: string;
  heldFor: ('email' | 'phone' | 'postcode' | 'link')[];
  locale: string;
  createdAt: string;
  receivedAt: string;
}

/**
 * Points held because their text seems to hold an email address, phone number or postcode: staff take the
 * personal data out (the redacted text is what the report then shows), or release the text as it is when
 * it holds none. Until then the point is counted but never shown.
 */
export function HeldFeedbackPage() {
  const [items, setItems] = createSignal<HeldItem[]>();
  const [total, setTotal] = createSignal(0);
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();

  const load = async () => {
    const answer = await api<{ total: number; items: HeldItem[] }>('GET', '/listening/held');
    if (!answer.ok) return setProblem(answer.error);
    setItems(answer.data.items);
    setTotal(answer.data.total);
  };
  onMount(() => void load());

  const finished = (item: HeldItem, message: string) => {
    setItems((list) => list?.filter((i) => i.id !== item.id));
    setTotal((n) => Math.max(0, n - 1));
    setDone(message);
  };

  return (
    <>
      <h1>{at('admin.held.title')}</h1>
      <p>{at('admin.held.intro')}</p>
      <p>
        <a href="/admin/listening">{at('admin.held.reportLink')}</a>
      </p>
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <Show when={items()} fallback={<Show when={!problem()}><Loading /></Show>}>
        {(list) => (
          <>
            <h2>{atCount('admin.held.waiting', total())}</h2>
            <Show when={list().length > 0} fallback={<p>{at('admin.held.empty')}</p>}>
              <ul class="held-list">
                <For each={list()}>{(item) => <HeldPoint item={item} finished={(message) => finished(item, message)} />}</For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}

function HeldPoint(props: { item: HeldItem; finished: (message: string) => void }) {
  const [text, setText] = createSignal(props.item.text);
  const [error, setError] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const name = () => `redacted-${props.item.id}`;
  const label = () => at('admin.held.redactedLabel');
  const kinds = () => new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(props.item.heldFor.map((k) => at(`admin.heldFor.${k}`)));

  const send = async (redactedText: string, release: boolean) => {
    setProblem(undefined);
    const checked = check(RedactionRequest, { redactedText });
    const first = checked.ok ? undefined : checked.errors[0];
    if (first) return setError(fieldText({ ...first, field: 'redactedText' }, label(), { max: FEEDBACK_LIMITS.text }));
    setError(undefined);
    setBusy(true);
    const answer = await api<{ id: string }>('POST', `/listening/held/${encodeURIComponent(props.item.id)}`, { redactedText });
    setBusy(false);
    if (!answer.ok) {
      if (answer.fields?.[0]) return setError(fieldText({ ...answer.fields[0], field: 'redactedText' }, label(), { max: FEEDBACK_LIMITS.text }));
      return setProblem(answer.error);
    }
    props.finished(at(release ? 'admin.held.released' : 'admin.held.redacted'));
  };

  return (
    <li class="card held-item">
      <h3 class="moderation-item__name">
        <span lang={themeLabel(props.item.theme).lang}>{themeLabel(props.item.theme).text}</span> ·{' '}
        <span lang={lensLabel(props.item.lens).lang}>{lensLabel(props.item.lens).text}</span>
      </h3>
      <dl class="meta-list">
        <div>
          <dt>{at('admin.held.event')}</dt>
          <dd>
            <bdi>{props.item.eventTitle}</bdi>
          </dd>
        </div>
        <div>
          <dt>{at('admin.held.recorded')}</dt>
          <dd>{formatDateTime(props.item.createdAt)}</dd>
        </div>
        <div>
          <dt>{at('admin.held.form')}</dt>
          <dd>{at(props.item.form === 'quote' ? 'admin.report.quoteTag' : 'admin.report.summaryTag')}</dd>
        </div>
      </dl>
      <p class="label">{at('admin.held.original')}</p>
      <blockquote class="moderation-item__message" dir="auto" lang={props.item.locale}>
        {props.item.text}
      </blockquote>
      <Show when={props.item.heldFor.length > 0}>
        <p class="warning-text">{at('admin.held.heldBecause', { kinds: kinds() })}</p>
      </Show>
      <ProblemBox code={problem()} />
      <form
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void send(text(), false);
        }}
      >
        <Show when={error()}>
          <ErrorSummary errors={[{ field: name(), message: error() ?? '' }]} />
        </Show>
        <TextArea name={name()} label={label()} hint={at('admin.held.redactedHint')} error={error()} value={text()} onInput={setText} rows={4} />
        <div class="actions actions--tight">
          <button type="submit" class="button" disabled={busy()}>
            {at('admin.held.saveRedacted')}
          </button>
          <button type="button" class="button button--secondary" disabled={busy()} onClick={() => void send(props.item.text, true)}>
            {at('admin.held.release')}
          </button>
        </div>
        <p class="hint">{at('admin.held.releaseHint')}</p>
      </form>
    </li>
  );
}
