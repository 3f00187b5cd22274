import { EVENT, recordFactsHandler, type EventHandlers, type ObjectionFiled, type OutboxEvent, type Subscriptions } from '@credit/kit';
import { recordFacts } from './db/schema.js';

/** Records flags a record `underObjection` when told an objection was filed. */
export const subscriptions: Subscriptions = { [EVENT.objectionFiled]: ['records'] };

export const handlers: EventHandlers = { [EVENT.recordChanged]: recordFactsHandler(recordFacts) };

export function objectionFiled(objection: { id: string; recordId: string }): OutboxEvent {
  const payload: ObjectionFiled = { objectionId: objection.id, recordId: objection.recordId };
  return { type: EVENT.objectionFiled, payload };
}
