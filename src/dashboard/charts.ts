import { h, s, uniqueId } from './dom';
import { formatMonth, formatValue, Kind } from './format';

export type LineSeries = { label: string; colour: string; dash: 'solid' | 'dashed' | 'dotted'; values: (number | null)[] };

const DASH = { solid: '', dashed: '8 5', dotted: '2 4' };
const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { left: 60, right: 16, top: 16, bottom: 40 };

/** A round axis maximum above the largest value, with its tick step. */
function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * A line chart of month-end values: one path per series (broken where a value is withheld or
 * missing), a y axis from 0 and a tick each 31 March. The SVG is an image with a title and a
 * summary; the same figures are in the table the caller puts beside it.
 */
export function lineChart(options: { title: string; summary: string; dates: string[]; series: LineSeries[]; kind: Kind }): HTMLElement {
  const { dates, series, kind } = options;
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const values = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const { top, step } = niceScale(Math.max(0, ...values));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number) => MARGIN.left + (dates.length <= 1 ? plotWidth / 2 : (index / (dates.length - 1)) * plotWidth);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const grid: SVGElement[] = [];
  for (let tick = 0; tick <= top + step / 1000; tick += step) {
    grid.push(s('line', { class: 'tandem-chart__grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }));
    grid.push(
      s('text', { x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, formatValue(tick, kind === 'rate' ? 'ratio' : kind).replace(/\.00$/, '')),
    );
  }
  const yearTicks = dates
    .map((date, index) => ({ date, index }))
    .filter(({ date }) => date.endsWith('-03-31'))
    .map(({ date, index }) => [
      s('line', { class: 'tandem-chart__axis', x1: x(index), x2: x(index), y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight + 5 }),
      s('text', { x: x(index), y: MARGIN.top + plotHeight + 20, 'text-anchor': 'middle' }, formatMonth(date)),
    ]);

  const paths = series.map((line) => {
    let d = '';
    let drawing = false;
    line.values.forEach((value, index) => {
      if (value === null) {
        drawing = false;
        return;
      }
      d += `${drawing ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
      drawing = true;
    });
    return s('path', {
      class: 'tandem-chart__line',
      d,
      fill: 'none',
      stroke: line.colour,
      'stroke-width': 3,
      'stroke-dasharray': DASH[line.dash] || null,
      'stroke-linejoin': 'round',
      'data-series': line.label,
    });
  });

  const svg = s(
    'svg',
    { class: 'tandem-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' },
    s('title', { id: titleId }, options.title),
    s('desc', { id: descId }, options.summary),
    grid,
    s('line', { class: 'tandem-chart__axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight }),
    yearTicks,
    paths,
  );
  return h(
    'figure',
    { class: 'govuk-!-margin-0 govuk-!-margin-bottom-4' },
    svg,
    h(
      'figcaption',
      null,
      h(
        'ul',
        { class: 'tandem-legend govuk-body-s' },
        series.map((line) =>
          h(
            'li',
            null,
            h('span', { class: `tandem-line-swatch tandem-line-swatch--${line.dash}`, style: `color: ${line.colour}`, 'aria-hidden': 'true' }),
            line.label,
          ),
        ),
      ),
    ),
  );
}

export type Bar = { label: string; value: number | null; highlight?: boolean };

/** Horizontal bars with reference lines (a region's and England's rates), as an image described by the table beside it. */
export function barChart(options: {
  title: string;
  summary: string;
  bars: Bar[];
  references: { label: string; value: number | null; colour: string; dash: 'dashed' | 'dotted' }[];
  kind: Kind;
}): HTMLElement {
  const rowHeight = 22;
  const labelWidth = 220;
  const height = MARGIN.top + options.bars.length * rowHeight + 30;
  const plotWidth = WIDTH - labelWidth - MARGIN.right - 50;
  const values = [...options.bars.map((bar) => bar.value), ...options.references.map((reference) => reference.value)].filter((v): v is number => v !== null);
  const { top } = niceScale(Math.max(0, ...values));
  const x = (value: number) => labelWidth + (value / top) * plotWidth;
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const bars = options.bars.map((bar, index) => {
    const y = MARGIN.top + index * rowHeight;
    return s(
      'g',
      null,
      s('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', 'font-weight': bar.highlight ? 'bold' : null }, bar.label),
      bar.value === null
        ? s('text', { x: labelWidth + 4, y: y + 15 }, 'c or x: no value shown')
        : [
            s('rect', {
              x: labelWidth,
              y: y + 3,
              width: Math.max(1, x(bar.value) - labelWidth),
              height: rowHeight - 6,
              fill: bar.highlight ? '#003078' : '#1d70b8',
            }),
            s('text', { x: x(bar.value) + 4, y: y + 15, 'paint-order': 'stroke', stroke: '#ffffff', 'stroke-width': 4 }, formatValue(bar.value, options.kind)),
          ],
    );
  });
  const references = options.references
    .filter((reference) => reference.value !== null)
    .map((reference) =>
      s('line', {
        x1: x(reference.value!),
        x2: x(reference.value!),
        y1: MARGIN.top - 4,
        y2: MARGIN.top + options.bars.length * rowHeight + 4,
        stroke: reference.colour,
        'stroke-width': 3,
        'stroke-dasharray': DASH[reference.dash],
        'data-reference': reference.label,
      }),
    );
  return h(
    'figure',
    { class: 'govuk-!-margin-0 govuk-!-margin-bottom-4' },
    s(
      'svg',
      { class: 'tandem-chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' },
      s('title', { id: titleId }, options.title),
      s('desc', { id: descId }, options.summary),
      references,
      bars,
    ),
    h(
      'figcaption',
      null,
      h(
        'ul',
        { class: 'tandem-legend govuk-body-s' },
        options.references.map((reference) =>
          h(
            'li',
            null,
            h('span', { class: `tandem-line-swatch tandem-line-swatch--${reference.dash}`, style: `color: ${reference.colour}`, 'aria-hidden': 'true' }),
            `${reference.label}: ${reference.value === null ? 'not shown' : formatValue(reference.value, options.kind)}`,
          ),
        ),
      ),
    ),
  );
}
