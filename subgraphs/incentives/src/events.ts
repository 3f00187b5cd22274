import { EVENT, recordFactsHandler, type EventHandlers } from '@credit/kit';
import { recordFacts } from './db/schema.js';

/** Incentives emits nothing; it keeps its projection of credit records from `record.changed`. */
export const handlers: EventHandlers = { [EVENT.recordChanged]: recordFactsHandler(recordFacts) };
