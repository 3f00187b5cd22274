import { addMonths, badInput, invalidState, isUuid } from '@credit/kit';
import type { redListEntries } from './db/schema.js';

export type RedListEntry = typeof redListEntries.$inferSelect;

/** A nomination lasts a year unless the department says otherwise, and at most 3 years. */
export const DEFAULT_TERM_MONTHS = 12;
export const MAX_TERM_MONTHS = 36;
export const MAX_TEXT_LENGTH = 2000;

/** In force on `today`: from the nomination date up to the day before endsOn, until revoked. */
export function isLive(entry: Pick<RedListEntry, 'nominatedOn' | 'endsOn' | 'revokedOn'>, today: string): boolean {
  return entry.nominatedOn <= today && today < entry.endsOn && (entry.revokedOn === null || today < entry.revokedOn);
}

export interface NominationInput {
  personId: string;
  nominatingDepartment: string;
  reason: string;
  endsOn?: string | null;
}

function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw badInput(`${field} must not be blank`, { field, reason: 'BLANK' });
  if (text.length > MAX_TEXT_LENGTH) throw badInput(`${field} is longer than ${MAX_TEXT_LENGTH} characters`, { field, reason: 'TOO_LONG' });
  return text;
}

/**
 * The row a nomination made today would insert, or the BAD_USER_INPUT error that refuses it. An
 * end on or before today would never be in force, so it must lie after today and within 3 years.
 */
export function nominationTerms(input: NominationInput, today: string): Omit<RedListEntry, 'id'> {
  if (!isUuid(input.personId)) throw badInput('personId is not a person id', { field: 'personId', reason: 'INVALID_ID' });
  const nominatingDepartment = requiredText(input.nominatingDepartment, 'nominatingDepartment');
  const reason = requiredText(input.reason, 'reason');
  const endsOn = input.endsOn ?? addMonths(today, DEFAULT_TERM_MONTHS);
  if (endsOn <= today) {
    throw badInput(`endsOn must be after the nomination date ${today}`, { field: 'endsOn', reason: 'ENDS_ON_NOT_IN_FUTURE' });
  }
  const latestOn = addMonths(today, MAX_TERM_MONTHS);
  if (endsOn > latestOn) {
    throw badInput(`A nomination lasts at most 3 years: endsOn may be ${latestOn} at the latest`, {
      field: 'endsOn',
      reason: 'ENDS_ON_TOO_LATE',
      latestOn,
    });
  }
  return { subjectId: input.personId, nominatingDepartment, reason, nominatedOn: today, endsOn, revokedOn: null, revocationReason: null };
}

/**
 * Why a nomination cannot be revoked today, or the reason to store. Revoking ends it from today, so
 * one that has already ended (or was revoked) has nothing left to end; one that starts later
 * cannot exist, since a nomination starts on the day it is made.
 */
export function revocationTerms(entry: RedListEntry, reason: string, today: string): { revokedOn: string; revocationReason: string } {
  const revocationReason = requiredText(reason, 'reason');
  if (entry.revokedOn !== null) {
    throw invalidState(`This nomination was revoked on ${entry.revokedOn}`, { field: 'id', reason: 'ALREADY_REVOKED' });
  }
  if (entry.endsOn <= today) throw invalidState(`This nomination ended on ${entry.endsOn}`, { field: 'id', reason: 'ALREADY_ENDED' });
  return { revokedOn: today, revocationReason };
}
