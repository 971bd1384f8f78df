import { Show, createEffect, createSignal } from 'solid-js';
import { ReportFilter } from '../../../core/staff';
import { check } from '../../../core/validation';
import { ErrorSummary, SelectField } from '../../ui/form';
import { STAFF_API, query } from './api';
import { at, formatDay } from './i18n';
import { staffProfile, wardName, type Me } from './session';
import { InputField, Radios, createErrors } from './ui';

const labels: Record<string, string> = { from: 'admin.filters.from', to: 'admin.filters.to', ward: 'admin.filters.ward', format: 'admin.exports.format' };

/** Pledges as a file: the server decides the columns by role (analysts never get contact details). */
export function ExportsPage(props: { user: Me }) {
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [format, setFormat] = createSignal<'csv' | 'json'>('csv');
  const [ready, setReady] = createSignal<{ href: string; format: 'csv' | 'json'; description: string }>();
  const errors = createErrors((field) => at(labels[field] ?? field));
  let readyHeading: HTMLHeadingElement | undefined;

  createEffect(() => {
    if (ready()) queueMicrotask(() => readyHeading?.focus());
  });

  const prepare = (event: SubmitEvent) => {
    event.preventDefault();
    const filter = check(ReportFilter, { ...(from() ? { from: from() } : {}), ...(to() ? { to: to() } : {}), ...(ward() ? { ward: ward() } : {}) });
    if (!filter.ok) {
      setReady(undefined);
      return errors.set(filter.errors, 'from');
    }
    errors.clear();
    setReady({
      href: `${STAFF_API}/exports/pledges${query({ ...filter.value, format: format() })}`,
      format: format(),
      description: at('admin.overview.showing', {
        from: filter.value.from ? formatDay(filter.value.from) : at('admin.overview.start'),
        to: filter.value.to ? formatDay(filter.value.to) : at('admin.overview.today'),
        ward: filter.value.ward ? wardName(filter.value.ward) : at('admin.overview.allWards'),
      }),
    });
  };

  const wardOptions = () => [
    { value: '', label: at('admin.filters.allWards') },
    ...(staffProfile()?.wards ?? []).map((w) => ({ value: w.id, label: w.name })),
  ];
  const changed = (set: (v: string) => void) => (value: string) => {
    set(value);
    setReady(undefined);
  };

  return (
    <>
      <h1>{at('admin.exports.title')}</h1>
      <Show
        when={props.user.role === 'admin'}
        fallback={
          <div class="notice">
            <p>{at('admin.exports.analystNotice')}</p>
          </div>
        }
      >
        <div class="notice notice--warning">
          <p>{at('admin.exports.adminNotice')}</p>
        </div>
      </Show>
      <ErrorSummary errors={errors.summary()} />
      <form novalidate onSubmit={prepare}>
        <div class="filters">
          <InputField name="from" type="date" width="date" ltr label={at('admin.filters.from')} error={errors.errorFor('from')} value={from()} onInput={changed(setFrom)} />
          <InputField name="to" type="date" width="date" ltr label={at('admin.filters.to')} error={errors.errorFor('to')} value={to()} onInput={changed(setTo)} />
          <SelectField name="ward" label={at('admin.filters.ward')} error={errors.errorFor('ward')} value={ward()} options={wardOptions()} onChange={changed(setWard)} />
        </div>
        <Radios
          name="format"
          legend={at('admin.exports.format')}
          inline
          value={format()}
          options={[
            { value: 'csv', label: at('admin.exports.csv'), hint: at('admin.exports.csvHint') },
            { value: 'json', label: at('admin.exports.json'), hint: at('admin.exports.jsonHint') },
          ]}
          onChange={(v) => {
            setFormat(v === 'json' ? 'json' : 'csv');
            setReady(undefined);
          }}
        />
        <button type="submit" class="button">
          {at('admin.exports.prepare')}
        </button>
      </form>
      <Show when={ready()}>
        {(r) => (
          <section class="card" aria-labelledby="export-ready">
            <h2 id="export-ready" tabindex="-1" ref={readyHeading}>
              {at('admin.exports.readyTitle')}
            </h2>
            <p>{r().description}</p>
            <p>
              <a class="button" href={r().href} download="">
                {at(r().format === 'json' ? 'admin.exports.downloadJson' : 'admin.exports.downloadCsv')}
              </a>
            </p>
            <p class="hint">{at('admin.exports.audited')}</p>
          </section>
        )}
      </Show>
    </>
  );
}
