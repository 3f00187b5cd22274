/**
 * Objection deadlines (DESIGN §4, Disputes): the credit office decides within 5 working days of
 * filing, or forwards within 2 to the determining authority, which decides within 5 more.
 */
import { OPEN_OBJECTION_STATUSES, type ObjectionStatus } from './vocabulary.js';
import { addWorkingDays, subtractWorkingDays, type Calendar } from './working-days.js';

export const DECISION_WORKING_DAYS = 5;
export const FORWARD_WORKING_DAYS = 2;

export interface DeadlineFacts {
  status: ObjectionStatus;
  filedOn: string;
  forwardedOn: string | null;
}

/**
 * The date the running deadline counts from: forwarding starts a new one. Only the FORWARD
 * transition sets forwardedOn, so `coalesce(forwarded_on, filed_on)` is the same in SQL.
 */
export const deadlineAnchor = (objection: Omit<DeadlineFacts, 'status'>) => objection.forwardedOn ?? objection.filedOn;

/** The last day for a decision; null once the objection is closed. */
export function dueOn(objection: DeadlineFacts, calendar: Calendar): string | null {
  if (!OPEN_OBJECTION_STATUSES.includes(objection.status)) return null;
  return addWorkingDays(deadlineAnchor(objection), DECISION_WORKING_DAYS, calendar);
}

export function isOverdue(objection: DeadlineFacts, today: string, calendar: Calendar): boolean {
  const due = dueOn(objection, calendar);
  return due !== null && today > due;
}

/** The last day the credit office may forward an objection filed on `filedOn`. */
export const forwardableUntil = (filedOn: string, calendar: Calendar) => addWorkingDays(filedOn, FORWARD_WORKING_DAYS, calendar);

/**
 * An open objection is overdue today exactly when its deadline anchor is before this date: the
 * anchor's 5th working day is before today iff 5 working days lie after the anchor and before
 * today. This turns "overdue" into a range condition an index can serve.
 */
export const overdueIfAnchoredBefore = (today: string, calendar: Calendar) =>
  subtractWorkingDays(today, DECISION_WORKING_DAYS, calendar);
