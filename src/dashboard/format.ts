import { h } from './dom';
import type { FigureStatus, InsightFlag, Service } from './gql/graphql';

export type Figure = { value: number | null; status: FigureStatus };
export type Kind = 'count' | 'rate' | 'days' | 'ratio' | 'points' | 'months' | 'decimal';

/** The symbols of the Department for Education's statistics, and what each means. */
export const STATUS_SYMBOL: Record<Exclude<FigureStatus, 'OK'>, { symbol: string; meaning: string }> = {
  SUPPRESSED: {
    symbol: 'c',
    meaning:
      'Withheld to protect confidentiality: the count is small enough, or sits beside one small enough, that it could identify a child. Sign in with a token to see more.',
  },
  LOW: { symbol: 'low', meaning: 'Not zero, but rounds to zero.' },
  NOT_APPLICABLE: { symbol: 'z', meaning: 'Does not apply here (for example no child is waiting, or the council did not exist then).' },
  NOT_AVAILABLE: { symbol: 'x', meaning: 'Not available: not collected, or not yet known on this date.' },
};

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A value as text, in the unit of its kind. */
export function formatValue(value: number, kind: Kind): string {
  switch (kind) {
    case 'rate':
      return `${oneDecimal.format(value)}%`;
    case 'points':
      return `${value > 0 ? '+' : ''}${oneDecimal.format(value)} pts`;
    case 'ratio':
      return twoDecimals.format(value);
    case 'months':
    case 'decimal':
      return oneDecimal.format(value);
    case 'days':
      return `${integer.format(value)} days`;
    default:
      return integer.format(value);
  }
}

/** A figure's value, or its symbol with the reason in an abbreviation the visitor can hover or read. */
export function figureNode(figure: Figure | null | undefined, kind: Kind): Node {
  if (!figure) return symbolNode('NOT_AVAILABLE');
  if (figure.status === 'OK' && figure.value !== null) return document.createTextNode(formatValue(figure.value, kind));
  return symbolNode(figure.status === 'OK' ? 'NOT_AVAILABLE' : figure.status);
}

export function symbolNode(status: Exclude<FigureStatus, 'OK'>): HTMLElement {
  const { symbol, meaning } = STATUS_SYMBOL[status];
  return h('abbr', { class: 'tandem-figure-hint', title: meaning, 'data-status': status }, symbol);
}

/** A figure as text only (CSV-style symbols), for sorting ties and plain contexts. */
export function figureText(figure: Figure | null | undefined, kind: Kind): string {
  if (!figure) return 'x';
  if (figure.status === 'OK' && figure.value !== null) return formatValue(figure.value, kind);
  return STATUS_SYMBOL[figure.status === 'OK' ? 'NOT_AVAILABLE' : figure.status].symbol;
}

/** The number to sort by: missing values sort last whichever way. */
export function sortValue(figure: Figure | null | undefined): number | null {
  return figure && figure.status === 'OK' ? figure.value : null;
}

export const SERVICE_NAMES: Record<Service, string> = { INDEPENDENT_VISITOR: 'Independent visitors', MENTORING: 'Mentoring' };

export const FLAG_TEXT: Record<InsightFlag, { title: string; detail: string; colour: string }> = {
  NO_LIST_FEW_REFERRALS: {
    title: 'No list, few referrals',
    detail: "No waiting list, and referrals per 100 looked after under half of England's: the list may be empty because children are not referred.",
    colour: 'govuk-tag--orange',
  },
  FEW_SOCIAL_WORKER_REFERRALS: {
    title: 'Few social worker referrals',
    detail: "Social workers' share of the referrals is under half of England's.",
    colour: 'govuk-tag--yellow',
  },
  LIST_GROWING: { title: 'List not falling', detail: 'The waiting list did not fall over the 6 months to the date.', colour: 'govuk-tag--red' },
  COVERAGE_FALLING: { title: 'Coverage falling', detail: 'Coverage fell by more than 0.5 percentage points in 12 months.', colour: 'govuk-tag--pink' },
};

export function flagTag(flag: InsightFlag): HTMLElement {
  const text = FLAG_TEXT[flag];
  return h('strong', { class: `govuk-tag ${text.colour}`, title: text.detail }, text.title);
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** 2026-11-30 → 30 November 2026. */
export function formatDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** 2026-11-30 → Nov 2026. */
export function formatMonth(isoDate: string): string {
  return shortMonth.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(instant: string | null | undefined): string {
  return instant ? `${dateTime.format(new Date(instant))} (UK time)` : 'not yet refreshed';
}

/** "1st", "2nd", ... for ranks and quartiles. */
export function ordinal(value: number): string {
  const teen = value % 100 >= 11 && value % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${value}${suffix}`;
}
