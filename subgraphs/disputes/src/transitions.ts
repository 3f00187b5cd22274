/**
 * The two workflows as data: for each target status, the statuses it may be reached from. The
 * mutations check against this table before they write, and their guarded update's
 * `where status in (...)` comes from it too, so a concurrent change cannot slip through.
 */
import { invalidState } from '@credit/kit';
import { OPEN_OBJECTION_STATUSES as OPEN, type ObjectionStatus, type RepairStatus } from './vocabulary.js';

export type Transitions<S extends string> = Readonly<Partial<Record<S, readonly S[]>>>;

export const OBJECTION_TRANSITIONS: Transitions<ObjectionStatus> = {
  // Once, to the determining authority; the 2-working-day deadline is checked on top of this.
  FORWARDED: ['SUBMITTED'],
  UPHELD: OPEN,
  REJECTED: OPEN,
  WITHDRAWN: OPEN,
};

export const REPAIR_TRANSITIONS: Transitions<RepairStatus> = {
  APPROVED: ['SUBMITTED'],
  REJECTED: ['SUBMITTED'],
};

export const allowedFrom = <S extends string>(table: Transitions<S>, to: S): readonly S[] => table[to] ?? [];

export const mayMove = <S extends string>(table: Transitions<S>, from: S, to: S) => allowedFrom(table, to).includes(from);

export function transitionRefused(what: string, from: string, to: string) {
  return invalidState(`A ${from} ${what} cannot become ${to}`, { reason: 'TRANSITION_NOT_ALLOWED', from, to });
}

export function requireTransition<S extends string>(table: Transitions<S>, what: string, from: S, to: S): void {
  if (!mayMove(table, from, to)) throw transitionRefused(what, from, to);
}
