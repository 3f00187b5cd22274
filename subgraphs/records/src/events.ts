import { EVENT, recordFactsOf, type OutboxEvent, type Subscriptions } from '@credit/kit';
import type { RecordRow } from './store.js';

/** Disputes and incentives keep their own copy of each record's facts. */
export const subscriptions: Subscriptions = { [EVENT.recordChanged]: ['disputes', 'incentives'] };

export function recordChanged(row: RecordRow): OutboxEvent {
  return { type: EVENT.recordChanged, payload: recordFactsOf(row) };
}
