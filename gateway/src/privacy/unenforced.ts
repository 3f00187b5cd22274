/**
 * For the benchmark's "enforcement off" baseline only: an engine that plans nothing, so the
 * pipeline runs the client's text as sent, walks no answer and logs nothing. It lives here, not as
 * a switch in the request pipeline, so production code has no path that skips enforcement.
 */
import type { GraphQLError } from 'graphql';
import { PrivacyEngine, type Parsed, type Prepared } from './engine.js';

export class UnenforcedEngine extends PrivacyEngine {
  override plan(parsed: Parsed, query: string): Prepared | readonly GraphQLError[] {
    return { ...parsed, query, plan: { document: parsed.source, root: new Map(), rootType: '', personal: false } };
  }
}
