import { Child, h, replaceChildren, uniqueId } from './dom';
import { Figure, figureNode, Kind, sortValue } from './format';

export type Column<T> = {
  label: string;
  /** Right-aligned, as GOV.UK tables set numbers. */
  numeric?: boolean;
  cell: (row: T) => Child;
  /** The value to sort by; null sorts last in either direction. Without it the column is not sortable. */
  sort?: (row: T) => number | string | null;
  /** The row's header cell (th scope=row), e.g. the council's name. */
  rowHeader?: boolean;
};

/** A numeric column of one figure: shown as the figure (or its symbol, c, low, z or x) and sorted by its value. */
export function figureColumn<T>(label: string, kind: Kind, figure: (row: T) => Figure | null | undefined): Column<T> {
  return { label, numeric: true, cell: (row) => figureNode(figure(row), kind), sort: (row) => sortValue(figure(row)) };
}

export type Filter<T> = { label: string; hint?: string } & (
  | { kind: 'text'; matches: (row: T, text: string) => boolean }
  | { kind: 'select'; options: { value: string; text: string }[]; matches: (row: T, value: string) => boolean }
);

export type TableOptions<T> = {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  /** Named for the visible count: "councils". */
  noun: string;
  sortedBy?: { column: number; direction: 'ascending' | 'descending' };
  filters?: Filter<T>[];
  rowAttributes?: (row: T) => Record<string, string>;
};

/**
 * A GOV.UK table whose sortable columns have buttons in their headers (with aria-sort on the
 * header, as the MOJ sortable table does) and optional filters above it; a live region says how
 * many rows show.
 */
export function dataTable<T>(options: TableOptions<T>): HTMLElement {
  const { columns } = options;
  let sortedBy = options.sortedBy ?? null;
  const filterValues = (options.filters ?? []).map(() => '');
  const body = h('tbody', { class: 'govuk-table__body' });
  const status = h('p', { class: 'govuk-body-s', role: 'status' });
  const headers = columns.map((column, index) => {
    const header = h('th', { scope: 'col', class: `govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}` });
    if (column.sort) {
      const button = h('button', { type: 'button', class: 'tandem-sort-button', 'data-index': index, onclick: () => sortBy(index) }, column.label);
      header.appendChild(button);
    } else {
      header.textContent = column.label;
    }
    return header;
  });

  const sortBy = (index: number) => {
    const direction = sortedBy?.column === index && sortedBy.direction === 'ascending' ? 'descending' : 'ascending';
    sortedBy = { column: index, direction };
    draw();
  };

  const draw = () => {
    headers.forEach((header, index) => {
      if (!columns[index].sort) return;
      const direction = sortedBy?.column === index ? sortedBy.direction : 'none';
      header.setAttribute('aria-sort', direction);
      header.querySelector('button')?.setAttribute('data-direction', direction);
    });
    let rows = options.rows.filter((row) => (options.filters ?? []).every((filter, index) => !filterValues[index] || filter.matches(row, filterValues[index])));
    if (sortedBy && columns[sortedBy.column].sort) {
      const key = columns[sortedBy.column].sort!;
      const sign = sortedBy.direction === 'ascending' ? 1 : -1;
      rows = rows
        .map((row, index) => ({ row, index, value: key(row) }))
        .sort((a, b) => {
          if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
          const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value));
          return order !== 0 ? sign * order : a.index - b.index;
        })
        .map(({ row }) => row);
    }
    replaceChildren(
      body,
      rows.map((row) =>
        h(
          'tr',
          { class: 'govuk-table__row', ...(options.rowAttributes?.(row) ?? {}) },
          columns.map((column) =>
            column.rowHeader
              ? h('th', { scope: 'row', class: 'govuk-table__header' }, column.cell(row))
              : h('td', { class: `govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}` }, column.cell(row)),
          ),
        ),
      ),
    );
    status.textContent = `Showing ${rows.length} of ${options.rows.length} ${options.noun}.`;
  };

  const filters = (options.filters ?? []).map((filter, index) => {
    const id = uniqueId('filter');
    const hintId = filter.hint ? `${id}-hint` : undefined;
    const onChange = (event: Event) => {
      filterValues[index] = (event.target as HTMLInputElement | HTMLSelectElement).value.trim();
      draw();
    };
    const control =
      filter.kind === 'text'
        ? h('input', {
            class: 'govuk-input govuk-input--width-20',
            id,
            name: id,
            type: 'search',
            spellcheck: 'false',
            autocomplete: 'off',
            'aria-describedby': hintId,
            oninput: onChange,
          })
        : h(
            'select',
            { class: 'govuk-select', id, name: id, 'aria-describedby': hintId, onchange: onChange },
            h('option', { value: '' }, 'All'),
            filter.options.map((option) => h('option', { value: option.value }, option.text)),
          );
    return h(
      'div',
      { class: 'govuk-form-group govuk-!-margin-right-4 govuk-!-display-inline-block' },
      h('label', { class: 'govuk-label', for: id }, filter.label),
      filter.hint ? h('div', { class: 'govuk-hint', id: hintId }, filter.hint) : null,
      control,
    );
  });

  draw();
  const captionId = uniqueId('caption');
  return h(
    'div',
    null,
    filters.length ? [h('div', { class: 'tandem-filters' }, filters), status] : null,
    h(
      'div',
      { class: 'tandem-table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0 },
      h(
        'table',
        { class: 'govuk-table govuk-table--small-text-until-tablet' },
        h('caption', { class: 'govuk-table__caption govuk-table__caption--m', id: captionId }, options.caption),
        h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, headers)),
        body,
      ),
    ),
  );
}
