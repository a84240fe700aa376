/** Calendar dates are Europe/London dates (reports/METRICS.md), handled as ISO strings 'YYYY-MM-DD'. */
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

// Formatting a date in a time zone is slow next to the rest of a list row (daysWaiting asks for
// every row): today's date is reused for the second it was computed in.
let today: { second: number; date: string } | null = null;

export function todayInLondon(now?: Date): string {
  if (now) return londonDate.format(now);
  const second = Math.floor(Date.now() / 1000);
  if (today?.second !== second) today = { second, date: londonDate.format(new Date(second * 1000)) };
  return today.date;
}

// The last `to` of daysBetween, parsed: a list asks for many days up to the same today.
let lastTo: { date: string; ms: number } | null = null;

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  if (lastTo?.date !== to) lastTo = { date: to, ms: Date.parse(`${to}T00:00:00Z`) };
  return Math.round((lastTo.ms - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `date` plus `years` calendar years ('YYYY-MM-DD'); 29 February becomes 28 February. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** pg returns `date` columns as strings when the type parser is set (src/database/dataSource.ts). */
export function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
