import { For, Show, createUniqueId, type JSX } from 'solid-js';
import { formatLocale, formatNumber, language } from '../../i18n';
import { at, formatDay } from './i18n';

/**
 * Charts drawn as SVG here (no chart library). Every chart is an image with a one-sentence summary as its
 * name, and always sits beside a real table of the same numbers, which is what screen readers use.
 * Positions are percentages of the width, so text keeps its size on a phone; right-to-left mirrors them.
 */

export interface Bar {
  label: string;
  value: number;
}

const isRtl = () => {
  language();
  return typeof document !== 'undefined' && document.documentElement.dir === 'rtl';
};
/** A horizontal position written as if left-to-right, mirrored for right-to-left. */
const px = (rtl: boolean, logical: number) => `${rtl ? 100 - logical : logical}%`;
const rectX = (rtl: boolean, start: number, width: number) => `${rtl ? 100 - start - width : start}%`;

const ROW = 50;

/** Bars side by side with their labels above them: long ward names and any script fit on a phone. */
export function HorizontalBars(props: { rows: Bar[]; summary: string }) {
  const max = () => Math.max(1, ...props.rows.map((r) => r.value));
  const width = (value: number) => (value / max()) * 82;
  return (
    <svg
      class="chart"
      role="img"
      aria-label={props.summary}
      width="100%"
      height={Math.max(ROW, props.rows.length * ROW) + 4}
      direction={isRtl() ? 'rtl' : 'ltr'}
    >
      <For each={props.rows}>
        {(row, i) => (
          <g>
            <text class="chart__label" x={px(isRtl(), 0)} y={i() * ROW + 17} text-anchor="start">
              {row.label}
            </text>
            <rect class="chart__bar" x={rectX(isRtl(), 0, width(row.value))} y={i() * ROW + 24} width={`${width(row.value)}%`} height="18" rx="2" />
            <text class="chart__value" x={px(isRtl(), width(row.value) + 1.5)} y={i() * ROW + 38} text-anchor="start">
              {formatNumber(row.value)}
            </text>
          </g>
        )}
      </For>
    </svg>
  );
}

const PLOT_TOP = 12;
const PLOT_HEIGHT = 180;
const AXIS = 14; // the logical width (percent) kept for the numbers of the value axis

/** Pledges per day: one column a day, the value axis at the start side, the first and last day below. */
export function DayColumns(props: { days: { day: string; count: number }[]; summary: string }) {
  const max = () => Math.max(1, ...props.days.map((d) => d.count));
  const slot = () => (100 - AXIS) / Math.max(1, props.days.length);
  const y = (value: number) => PLOT_TOP + PLOT_HEIGHT - (value / max()) * PLOT_HEIGHT;
  const ticks = () => [...new Set([0, Math.round(max() / 2), max()])];
  const first = () => props.days[0];
  const last = () => (props.days.length > 1 ? props.days[props.days.length - 1] : undefined);
  return (
    <svg class="chart" role="img" aria-label={props.summary} width="100%" height={PLOT_TOP + PLOT_HEIGHT + 40} direction={isRtl() ? 'rtl' : 'ltr'}>
      <For each={ticks()}>
        {(tick) => (
          <g>
            <line class="chart__grid" x1={px(isRtl(), AXIS)} x2={px(isRtl(), 100)} y1={y(tick)} y2={y(tick)} />
            <text class="chart__value" x={px(isRtl(), AXIS - 2)} y={y(tick) + 5} text-anchor="end">
              {formatNumber(tick)}
            </text>
          </g>
        )}
      </For>
      <For each={props.days}>
        {(d, i) => (
          <rect
            class="chart__bar"
            x={rectX(isRtl(), AXIS + i() * slot() + slot() * 0.1, slot() * 0.8)}
            y={y(d.count)}
            width={`${slot() * 0.8}%`}
            height={Math.max(0, PLOT_TOP + PLOT_HEIGHT - y(d.count))}
          />
        )}
      </For>
      <line class="chart__axis" x1={px(isRtl(), AXIS)} x2={px(isRtl(), 100)} y1={PLOT_TOP + PLOT_HEIGHT} y2={PLOT_TOP + PLOT_HEIGHT} />
      <Show when={first()}>
        {(d) => (
          <text class="chart__label" x={px(isRtl(), AXIS)} y={PLOT_TOP + PLOT_HEIGHT + 24} text-anchor="start">
            {formatDay(d().day)}
          </text>
        )}
      </Show>
      <Show when={last()}>
        {(d) => (
          <text class="chart__label" x={px(isRtl(), 100)} y={PLOT_TOP + PLOT_HEIGHT + 24} text-anchor="end">
            {formatDay(d().day)}
          </text>
        )}
      </Show>
    </svg>
  );
}

/** A chart and its table, side by side where there is room, under one heading. */
export function ChartPanel(props: {
  title: string;
  chart: JSX.Element;
  columns: [string, string];
  rows: { label: string; value: number; lang?: string }[];
  total: number;
  /** A long table scrolls inside its own box. */
  tall?: boolean;
  empty?: string;
}) {
  const id = createUniqueId();
  const share = (value: number) => new Intl.NumberFormat(formatLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(props.total ? value / props.total : 0);
  return (
    <section class="card chart-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <Show when={props.rows.length > 0} fallback={<p>{props.empty ?? at('admin.overview.noData')}</p>}>
        <div class="chart-panel__body">
          <div class="chart-panel__chart">{props.chart}</div>
          <div
            class="chart-panel__table"
            classList={{ 'table-scroll': !!props.tall, 'table-scroll--tall': !!props.tall }}
            role={props.tall ? 'region' : undefined}
            tabindex={props.tall ? '0' : undefined}
            aria-labelledby={props.tall ? `${id}-caption` : undefined}
          >
            <table class="data-table data-table--narrow">
              <caption id={`${id}-caption`}>{at('admin.overview.tableCaption', { title: props.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{props.columns[0]}</th>
                  <th scope="col" class="numeric">
                    {props.columns[1]}
                  </th>
                  <th scope="col" class="numeric">
                    {at('admin.overview.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={props.rows}>
                  {(row) => (
                    <tr>
                      <th scope="row" lang={row.lang}>
                        {row.label}
                      </th>
                      <td class="numeric">{formatNumber(row.value)}</td>
                      <td class="numeric">{share(row.value)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </div>
      </Show>
    </section>
  );
}

/**
 * Two bars per row, as shares (0–1): one value beside a reference (e.g. sign-ups beside the town). A value
 * that is withheld (null, a small group) is drawn as no bar with its words instead of a number.
 */
export function ComparisonBars(props: {
  rows: { label: string; value: number | null; reference: number | null }[];
  summary: string;
  format: (share: number) => string;
  withheld: string;
}) {
  const max = () => Math.max(0.01, ...props.rows.flatMap((r) => [r.value ?? 0, r.reference ?? 0]));
  const width = (share: number) => (share / max()) * 70;
  const row = 64;
  return (
    <svg class="chart" role="img" aria-label={props.summary} width="100%" height={Math.max(row, props.rows.length * row) + 4} direction={isRtl() ? 'rtl' : 'ltr'}>
      <For each={props.rows}>
        {(r, i) => (
          <g>
            <text class="chart__label" x={px(isRtl(), 0)} y={i() * row + 15} text-anchor="start">
              {r.label}
            </text>
            <rect class="chart__bar" x={rectX(isRtl(), 0, width(r.value ?? 0))} y={i() * row + 21} width={`${width(r.value ?? 0)}%`} height="16" rx="2" />
            <text class="chart__value" x={px(isRtl(), width(r.value ?? 0) + 1.5)} y={i() * row + 34} text-anchor="start">
              {r.value === null ? props.withheld : props.format(r.value)}
            </text>
            <Show when={r.reference !== null}>
              <rect class="chart__bar chart__bar--reference" x={rectX(isRtl(), 0, width(r.reference ?? 0))} y={i() * row + 40} width={`${width(r.reference ?? 0)}%`} height="16" rx="2" />
              <text class="chart__value" x={px(isRtl(), width(r.reference ?? 0) + 1.5)} y={i() * row + 53} text-anchor="start">
                {props.format(r.reference ?? 0)}
              </text>
            </Show>
          </g>
        )}
      </For>
    </svg>
  );
}
