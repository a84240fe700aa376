import { todayInLondon } from '../../src/graphql/dates';

/** Small helpers for the clients' choices (Math.random: the mix need not be reproducible). */

export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

export function pickOrNull<T>(items: readonly T[]): T | null {
  return items.length ? pick(items) : null;
}

export function chance(probability: number): boolean {
  return Math.random() < probability;
}

/** Picks one action by weight. */
export function weighted<T>(choices: readonly (readonly [number, T])[]): T {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = Math.random() * total;
  for (const [weight, choice] of choices) {
    roll -= weight;
    if (roll < 0) return choice;
  }
  return choices[choices.length - 1][1];
}

/** Today in London (the server's calendar), as YYYY-MM-DD. */
export function today(): string {
  return todayInLondon();
}

/** `days` before today (London), as YYYY-MM-DD. */
export function daysAgo(days: number): string {
  const date = new Date(`${todayInLondon()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The later of two YYYY-MM-DD dates. */
export function later(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A bounded pool of recently seen global IDs, for `node(id)` reads. */
export class RecentIds {
  private readonly ids: string[] = [];
  constructor(private readonly capacity = 500) {}

  add(...ids: (string | null | undefined)[]): void {
    for (const id of ids) {
      if (!id) continue;
      if (this.ids.length < this.capacity) this.ids.push(id);
      else this.ids[Math.floor(Math.random() * this.capacity)] = id;
    }
  }

  any(): string | null {
    return pickOrNull(this.ids);
  }
}
