import { createHash } from 'node:crypto';
import type { PrivacyLevel } from '@credit/schema';
import { GraphQLError, parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { planOperation, PlanError, type Classification, type Decision, type OperationPlan } from './plan.js';

/** How one (role, purpose) decides a level, for its own rows and for everyone else's. */
export interface CallerPolicy {
  key: string;
  decide: (level: PrivacyLevel, row: 'primary' | 'fallback') => Decision;
  rowRules: boolean;
}

export interface Prepared {
  plan: OperationPlan;
  /** The document the client sent, parsed once (the query limits check it). */
  source: DocumentNode;
  /** The operation as the gateway plans and runs it: its own query-plan cache entry. */
  query: string;
  /** sha256 of the query the client sent (the query log's operation hash). */
  operationHash: string;
}

const MAX_CACHED = 2000;

/**
 * Decides once per (operation, role, purpose) and caches the plan: the same dashboard document
 * from the same kind of caller is parsed, validated and rewritten once.
 */
export class PrivacyEngine {
  private readonly cache = new Map<string, Prepared | readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly classify: (coordinate: string) => Classification | undefined,
  ) {}

  prepare(query: string, operationName: string | null | undefined, policy: CallerPolicy): Prepared | readonly GraphQLError[] {
    // Keyed by the text itself: a map lookup costs less than hashing the text on every request.
    const key = `${policy.key}\u0000${operationName ?? ''}\u0000${query}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const prepared = this.build(query, operationName, policy, createHash('sha256').update(query).digest('hex'));
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, prepared);
    return prepared;
  }

  private build(query: string, operationName: string | null | undefined, policy: CallerPolicy, operationHash: string) {
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const invalid = validate(this.schema, document);
    if (invalid.length) {
      return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    }
    try {
      const plan = planOperation({
        schema: this.schema,
        document,
        operationName,
        classify: this.classify,
        decide: policy.decide,
        rowRules: policy.rowRules,
      });
      return { plan, source: document, query: print(plan.document), operationHash };
    } catch (error) {
      if (error instanceof PlanError) return [new GraphQLError(error.message, { extensions: { code: 'BAD_REQUEST' } })];
      throw error;
    }
  }
}
