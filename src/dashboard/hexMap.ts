import cartogram from './cartogram.json';
import { h, s, uniqueId } from './dom';
import { hexCorners, ROW_SPACING } from './hexGrid';

export type MapCouncil = { code: string; name: string; quartile: number | null; description: string };

/** Quartile 1 (highest coverage) darkest; GOV.UK blues, with grey for no quartile (rate withheld or missing). */
export const QUARTILE_COLOURS: Record<number, string> = { 1: '#0b3a6e', 2: '#1d70b8', 3: '#5694ca', 4: '#b7d1ea' };
export const NO_QUARTILE_COLOUR = '#cecece';

const cells = (cartogram as unknown as { cells: Record<string, [number, number]> }).cells;

/**
 * England's councils as a hex cartogram (src/dashboard/cartogram.json, made by
 * `npm run cartogram`): one equal hexagon per council, coloured by its coverage quartile. Each
 * hexagon is an image with the council's name and figures as its accessible name; a click opens
 * the council's page. The table beside the map holds the same figures and the links for keyboard
 * users, so the hexagons themselves are not tab stops.
 */
export function hexMap(councils: MapCouncil[], options: { title: string; onOpen: (code: string) => void }): HTMLElement {
  const placed = councils.filter((council) => cells[council.code]);
  const columns = Math.max(...Object.values(cells).map(([column]) => column)) + 1.5;
  const rows = Math.max(...Object.values(cells).map(([, row]) => row)) * ROW_SPACING + 1.2;
  const titleId = uniqueId('map-title');
  const counts = [1, 2, 3, 4, null].map((quartile) => placed.filter((council) => council.quartile === quartile).length);
  const svg = s(
    'svg',
    { class: 'tandem-map', viewBox: `-0.6 -0.6 ${columns.toFixed(2)} ${rows.toFixed(2)}`, role: 'group', 'aria-labelledby': titleId },
    s('title', { id: titleId }, options.title),
    placed.map((council) => {
      const [column, row] = cells[council.code];
      const d = `M${hexCorners(column, row)
        .map(([x, y]) => `${x.toFixed(3)},${y.toFixed(3)}`)
        .join('L')}Z`;
      return s(
        'path',
        {
          class: 'tandem-map__cell',
          d,
          fill: council.quartile ? QUARTILE_COLOURS[council.quartile] : NO_QUARTILE_COLOUR,
          role: 'img',
          'aria-label': `${council.name}: ${council.description}`,
          'data-code': council.code,
          onclick: () => options.onOpen(council.code),
        },
        s('title', null, `${council.name}: ${council.description}`),
      );
    }),
  );
  return h(
    'figure',
    { class: 'govuk-!-margin-0' },
    svg,
    h(
      'figcaption',
      null,
      h('h3', { class: 'govuk-heading-s govuk-!-margin-top-2 govuk-!-margin-bottom-2' }, 'Coverage quartile'),
      h(
        'ul',
        { class: 'tandem-legend govuk-body-s' },
        [1, 2, 3, 4].map((quartile, index) =>
          h(
            'li',
            null,
            h('span', { class: 'tandem-legend__swatch', style: `background: ${QUARTILE_COLOURS[quartile]}`, 'aria-hidden': 'true' }),
            `${quartile === 1 ? '1 (highest coverage)' : quartile === 4 ? '4 (lowest)' : quartile}: ${counts[index]} councils`,
          ),
        ),
        h(
          'li',
          null,
          h('span', { class: 'tandem-legend__swatch', style: `background: ${NO_QUARTILE_COLOUR}`, 'aria-hidden': 'true' }),
          `No quartile (rate withheld or not available): ${counts[4]} councils`,
        ),
      ),
      h(
        'p',
        { class: 'govuk-body-s' },
        'One equal hexagon per council, placed near its real position. Select a hexagon, or a name in the table, to open the council.',
      ),
    ),
  );
}
