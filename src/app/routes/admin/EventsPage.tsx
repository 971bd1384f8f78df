import { For, Show, createSignal, onMount } from 'solid-js';
import { createEventRequest } from '../../../core/listening';
import { EVENT_LIMITS } from '../../../core/records/event';
import { check } from '../../../core/validation';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorSummary, Message, SelectField, describedBy, fieldId } from '../../ui/form';
import { api } from './api';
import { at } from './i18n';
import { themeLabel, type EventRow } from './listening';
import { staffProfile, wardName, type Me } from './session';
import { InputField, Loading, ProblemBox, SuccessBox, TableScroll, createErrors, dayString } from './ui';

const labels: Record<string, string> = {
  title: 'admin.events.fields.title',
  date: 'admin.events.fields.date',
  time: 'admin.events.fields.time',
  venue: 'admin.events.fields.venue',
  ward: 'admin.events.fields.ward',
  themes: 'admin.events.fields.themes',
};

/** Listening events: those planned and those held, with how many took part and what was recorded; and a form to plan one. */
export function EventsPage(props: { user: Me }) {
  const [events, setEvents] = createSignal<EventRow[]>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const load = async () => {
    const answer = await api<{ events: EventRow[] }>('GET', '/events');
    if (answer.ok) setEvents(answer.data.events);
    else setProblem(answer.error);
  };
  onMount(() => void load());

  const now = () => new Date().toISOString();
  const upcoming = () => (events() ?? []).filter((e) => e.startsAt >= now()).reverse();
  const past = () => (events() ?? []).filter((e) => e.startsAt < now());
  const mayCreate = () => props.user.role === 'admin' || props.user.role === 'coordinator';

  return (
    <>
      <h1>{at('admin.events.title')}</h1>
      <p>{at('admin.events.intro')}</p>
      <ProblemBox code={problem()} />
      <SuccessBox message={done()} focus />
      <Show when={mayCreate()}>
        <CreateEvent
          created={(e) => {
            setEvents((list) => [e, ...(list ?? [])].sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1)));
            setDone(at('admin.events.created', { title: e.title }));
          }}
        />
      </Show>
      <Show when={events()} fallback={<Show when={!problem()}><Loading /></Show>}>
        <EventTable id="events-upcoming" title={at('admin.events.upcoming')} empty={at('admin.events.noUpcoming')} rows={upcoming()} />
        <EventTable id="events-past" title={at('admin.events.past')} empty={at('admin.events.noPast')} rows={past()} />
      </Show>
    </>
  );
}

function EventTable(props: { id: string; title: string; empty: string; rows: EventRow[] }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Show when={props.rows.length > 0} fallback={<p>{props.empty}</p>}>
        <TableScroll labelledBy={props.id}>
          <table class="table data-table">
            <thead>
              <tr>
                <th scope="col">{at('admin.events.columns.event')}</th>
                <th scope="col">{at('admin.events.columns.when')}</th>
                <th scope="col">{at('admin.events.columns.where')}</th>
                <th scope="col">{at('admin.events.columns.themes')}</th>
                <th scope="col">{at('admin.events.columns.attendance')}</th>
                <th scope="col">{at('admin.events.columns.points')}</th>
                <th scope="col">{at('admin.events.columns.held')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(e) => (
                  <tr>
                    <th scope="row">
                      <bdi>{e.title}</bdi>
                      <br />
                      <span class="tag tag--muted">{at(`admin.events.sources.${e.source}`)}</span>
                    </th>
                    <td>{formatDateTime(e.startsAt)}</td>
                    <td>
                      <Show when={e.venue}>
                        <bdi>{e.venue}</bdi>
                        <br />
                      </Show>
                      {wardName(e.ward) ?? at('admin.overview.noWard')}
                    </td>
                    <td>{e.themes.map((id) => themeLabel(id).text).join(', ')}</td>
                    <td>{formatNumber(e.attendance)}</td>
                    <td>{formatNumber(e.points)}</td>
                    <td>{formatNumber(e.held)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableScroll>
      </Show>
    </section>
  );
}

/** Plan an event: the same core schema the server checks, so the same field problems, before sending. */
function CreateEvent(props: { created: (e: EventRow) => void }) {
  const [title, setTitle] = createSignal('');
  const [date, setDate] = createSignal(dayString(7));
  const [time, setTime] = createSignal('18:00');
  const [venue, setVenue] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [themes, setThemes] = createSignal<string[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const errors = createErrors(
    (field) => at(labels[field] ?? field),
    () => ({ max: EVENT_LIMITS.title }),
  );

  /** The date and time as typed are local time; the server keeps the instant in UTC. */
  const startsAt = (): string | undefined => {
    if (!date() || !time()) return undefined;
    const local = new Date(`${date()}T${time()}`);
    return Number.isNaN(local.getTime()) ? 'invalid' : local.toISOString();
  };
  // The schema names the instant `startsAt`: its problem belongs to the date field (or the time, if that is what is missing).
  const onForm = (field: string) => (field === 'startsAt' ? (date() ? 'time' : 'date') : field);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const profile = staffProfile();
    if (!profile) return setProblem('offline');
    setProblem(undefined);
    const body = { title: title(), startsAt: startsAt(), venue: venue(), ...(ward() ? { ward: ward() } : {}), themes: themes() };
    const checked = check(createEventRequest(profile), body);
    if (!checked.ok) return errors.set(checked.errors.map((e) => ({ ...e, field: onForm(e.field) })), 'title');
    errors.clear();
    setBusy(true);
    const answer = await api<{ event: EventRow }>('POST', '/events', body);
    setBusy(false);
    if (!answer.ok) {
      if (answer.fields) return errors.set(answer.fields.map((e) => ({ ...e, field: onForm(e.field) })), 'title');
      return setProblem(answer.error);
    }
    setTitle('');
    setVenue('');
    setThemes([]);
    props.created(answer.data.event);
  };

  const toggle = (id: string, on: boolean) => setThemes((list) => (on ? [...list.filter((t) => t !== id), id] : list.filter((t) => t !== id)));

  return (
    <section class="card" aria-labelledby="event-create">
      <h2 id="event-create">{at('admin.events.createTitle')}</h2>
      <ErrorSummary errors={errors.summary()} />
      <ProblemBox code={problem()} />
      <form novalidate onSubmit={(e) => void submit(e)} class="narrow-form">
        <InputField name="title" label={at(labels['title'] ?? '')} hint={at('admin.events.titleHint')} error={errors.errorFor('title')} value={title()} onInput={setTitle} />
        <div class="filters">
          <InputField name="date" type="date" width="date" ltr label={at(labels['date'] ?? '')} error={errors.errorFor('date')} value={date()} onInput={setDate} />
          <InputField name="time" type="time" width="date" ltr label={at(labels['time'] ?? '')} error={errors.errorFor('time')} value={time()} onInput={setTime} />
        </div>
        <InputField name="venue" label={at(labels['venue'] ?? '')} hint={at('admin.events.venueHint')} error={errors.errorFor('venue')} value={venue()} onInput={setVenue} />
        <SelectField
          name="ward"
          label={at(labels['ward'] ?? '')}
          error={errors.errorFor('ward')}
          value={ward()}
          options={[{ value: '', label: at('admin.events.noWard') }, ...(staffProfile()?.wards ?? []).map((w) => ({ value: w.id, label: w.name }))]}
          onChange={setWard}
        />
        <div class="field" classList={{ 'field--error': !!errors.errorFor('themes') }}>
          <fieldset class="radios-fieldset" aria-describedby={describedBy('themes', true, errors.errorFor('themes'))}>
            <legend class="label">{at(labels['themes'] ?? '')}</legend>
            <Message name="themes" hint={at('admin.events.themesHint')} error={errors.errorFor('themes')} />
            <For each={staffProfile()?.themes ?? []}>
              {(theme, i) => {
                // The first box carries the field's id, so the error summary's link lands on the group.
                const id = () => (i() === 0 ? fieldId('themes') : `${fieldId('themes')}-${theme.id}`);
                return (
                  <div class="checkbox checkbox--list">
                    <input id={id()} type="checkbox" name="themes" value={theme.id} checked={themes().includes(theme.id)} onChange={(e) => toggle(theme.id, e.currentTarget.checked)} />
                    <label for={id()} lang={themeLabel(theme.id).lang}>
                      {themeLabel(theme.id).text}
                    </label>
                  </div>
                );
              }}
            </For>
          </fieldset>
        </div>
        <button type="submit" class="button" disabled={busy()}>
          {at('admin.events.create')}
        </button>
      </form>
    </section>
  );
}
