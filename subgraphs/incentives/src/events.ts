import { EVENT, recordFactsHandler, type EventHandlers, type OutboxEvent, type ScoreRulesFacts, type Subscriptions } from '@credit/kit';
import { recordFacts } from './db/schema.js';

/** Incentives keeps its projection of credit records from `record.changed`. */
export const handlers: EventHandlers = { [EVENT.recordChanged]: recordFactsHandler(recordFacts) };

/**
 * It tells records the integrity score's weights and bands (`score.rules`), which a credit report
 * (专项信用报告) applies on its issuing date: the rules stay incentives' data, records only copies them.
 */
export const subscriptions: Subscriptions = { [EVENT.scoreRules]: ['records'] };

export const scoreRulesChanged = (payload: ScoreRulesFacts): OutboxEvent => ({ type: EVENT.scoreRules, payload });
