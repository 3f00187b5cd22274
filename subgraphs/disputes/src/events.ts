import {
  EVENT, recordFactsHandler,
  type EventHandlers, type ObjectionDecided, type ObjectionFiled, type OutboxEvent, type RepairApproved, type Subscriptions,
} from '@credit/kit';
import { recordFacts } from './db/schema.js';

/**
 * Records owns the record, so it applies what disputes decides: the underObjection flag, the
 * revocation or correction of an upheld objection, the end of publication of a repaired record.
 */
export const subscriptions: Subscriptions = {
  [EVENT.objectionFiled]: ['records'],
  [EVENT.objectionDecided]: ['records'],
  [EVENT.repairApproved]: ['records'],
};

export const handlers: EventHandlers = { [EVENT.recordChanged]: recordFactsHandler(recordFacts) };

/** What an event needs of an objection or a repair application. */
type Filing = { id: string; recordId: string; subjectId: string };

export function objectionFiled(objection: Filing): OutboxEvent {
  const payload: ObjectionFiled = { objectionId: objection.id, recordId: objection.recordId, subjectId: objection.subjectId };
  return { type: EVENT.objectionFiled, payload };
}

export function objectionDecided(objection: Filing, closing: Omit<ObjectionDecided, 'objectionId' | 'recordId'>): OutboxEvent {
  const payload: ObjectionDecided = { objectionId: objection.id, recordId: objection.recordId, subjectId: objection.subjectId, ...closing };
  return { type: EVENT.objectionDecided, payload };
}

export function repairApproved(repair: Filing, decidedOn: string): OutboxEvent {
  const payload: RepairApproved = { repairId: repair.id, recordId: repair.recordId, subjectId: repair.subjectId, decidedOn };
  return { type: EVENT.repairApproved, payload };
}
