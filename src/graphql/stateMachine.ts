import { UserFacingError } from './userErrors';

/** A state machine as data: for each state, the states it may move to. */
export type Transitions<S extends string> = Record<S, readonly S[]>;

/** Throws INVALID_TRANSITION naming the current and requested states and what is allowed. */
export function assertTransition<S extends string>(machine: Transitions<S>, record: string, from: S, to: S, field: string): void {
  if (machine[from].includes(to)) return;
  const allowed = machine[from].length ? machine[from].join(' or ') : 'nothing (it is final)';
  throw new UserFacingError('INVALID_TRANSITION', `${record} is ${from} and cannot become ${to}; from ${from} it can become ${allowed}.`, field);
}
