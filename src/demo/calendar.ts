/**
 * Calendar arithmetic on whole days (days since 1970-01-01), which keeps the simulation free of
 * time zones and clocks: a date only ever becomes text when a row is written.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<Day, string>();

/** Parses `YYYY-MM-DD`, or returns null when it is not a real calendar date. */
export function parseDay(text: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = Date.UTC(year, month - 1, day);
  const back = new Date(value);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return value / MS_PER_DAY;
}

export function dayOf(year: number, month: number, day = 1): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function isoDate(day: Day): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, text);
  }
  return text;
}

/** An instant on that day, `minuteOfDay` minutes after midnight UTC, as PostgreSQL accepts it. */
export function isoInstant(day: Day, minuteOfDay: number): string {
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const minutes = String(minuteOfDay % 60).padStart(2, '0');
  return `${isoDate(day)}T${hours}:${minutes}:00Z`;
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The first day of the month `day` falls in. */
export function monthStart(day: Day): Day {
  const date = new Date(day * MS_PER_DAY);
  return dayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The same calendar date `months` later (earlier when negative); day 29-31 roll into the next month. */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()) / MS_PER_DAY;
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12);
}

/** Whole years from `born` to `on`, as people count birthdays. */
export function ageInYears(born: Day, on: Day): number {
  const from = new Date(born * MS_PER_DAY);
  const to = new Date(on * MS_PER_DAY);
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  if (to.getUTCMonth() < from.getUTCMonth() || (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate())) years -= 1;
  return years;
}
