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

/** A document the client sent, parsed and validated once per text. */
export interface Parsed {
  source: DocumentNode;
  /** sha256 of the query the client sent (the query log's operation hash). */
  operationHash: string;
}

export interface Prepared extends Parsed {
  plan: OperationPlan;
  /** The operation as the gateway plans and runs it: its own query-plan cache entry. */
  query: string;
}

const MAX_CACHED = 2000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/**
 * Parses and validates once per text, and decides once per (operation, role, purpose): the same
 * dashboard document from the same kind of caller is parsed, validated and rewritten once. The two
 * steps are apart so that the query limits and the write permits are checked between them, before
 * any planning.
 */
export class PrivacyEngine {
  private readonly parsed = new Map<string, Parsed | readonly GraphQLError[]>();
  private readonly planned = new Map<string, Prepared | readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly classify: (coordinate: string) => Classification | undefined,
  ) {}

  parse(query: string): Parsed | readonly GraphQLError[] {
    return this.parsed.get(query) ?? remember(this.parsed, query, this.parseAndValidate(query));
  }

  plan(parsed: Parsed, query: string, operationName: string | null | undefined, policy: CallerPolicy): Prepared | readonly GraphQLError[] {
    // Keyed by the text itself: a map lookup costs less than hashing the text on every request.
    const key = `${policy.key}\u0000${operationName ?? ''}\u0000${query}`;
    return this.planned.get(key) ?? remember(this.planned, key, this.build(parsed, operationName, policy));
  }

  /** Both steps at once (the plan warm-up). */
  prepare(query: string, operationName: string | null | undefined, policy: CallerPolicy): Prepared | readonly GraphQLError[] {
    const parsed = this.parse(query);
    return 'source' in parsed ? this.plan(parsed, query, operationName, policy) : parsed;
  }

  private parseAndValidate(query: string): Parsed | readonly GraphQLError[] {
    let source;
    try {
      source = parse(query);
    } catch (error) {
      return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const invalid = validate(this.schema, source);
    if (invalid.length) {
      // A literal a scalar refuses (a date that does not exist) keeps the scalar's code and reason.
      return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions } }));
    }
    return { source, operationHash: createHash('sha256').update(query).digest('hex') };
  }

  private build(parsed: Parsed, operationName: string | null | undefined, policy: CallerPolicy) {
    try {
      const plan = planOperation({
        schema: this.schema,
        document: parsed.source,
        operationName,
        classify: this.classify,
        decide: policy.decide,
        rowRules: policy.rowRules,
      });
      return { ...parsed, plan, query: print(plan.document) };
    } catch (error) {
      if (error instanceof PlanError) return [new GraphQLError(error.message, { extensions: { code: 'BAD_REQUEST' } })];
      throw error;
    }
  }
}
