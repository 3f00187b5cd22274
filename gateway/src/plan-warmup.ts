/**
 * Plans the dashboards' trusted documents before the first request needs them: for every role and
 * purpose that may send them, the privacy engine's plan and the operation @apollo/gateway runs
 * for it, whose query plan and parsed document Apollo then keeps in its own caches. A cold unified
 * view otherwise pays for planning inside a dashboard's first request. A purpose whose entry points
 * refuse a document (schema/src/entry-points.ts: the unified-view page of all persons is AUDIT's,
 * statistics reach no lookup) is refused before planning at request time too: it is not planned.
 *
 * The operations run with `planOnly` in their context: the data sources answer without asking a
 * subgraph (AuditingDataSource, audit/served.ts), so no personal data is read and nothing is logged.
 */
import type { ApolloServer } from '@apollo/server';
import { ENTRY_POINTS, entryPointVerdict, PURPOSES, purposesFor, ROLES, type CallerContext, type Purpose, type RootCall } from '@credit/schema';
import {
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayContext } from './context.js';
import { callerPolicy } from './privacy/decide.js';
import type { PrivacyEngine, Prepared } from './privacy/engine.js';
import { rootFieldNames } from './privacy/roots.js';

export interface WarmupReport {
  documents: number;
  /** Distinct operations planned (several callers often share one rewritten operation). */
  operations: number;
  /** (document, role, purpose) triples not planned: the purpose's entry points refuse the document. */
  refused: number;
  ms: number;
}

/** Values a custom scalar might accept, tried in turn (a Date takes the first). */
const SCALAR_CANDIDATES: unknown[] = ['1970-01-01', '1970-01-01T00:00:00Z', '', 0, false];

/**
 * A value of the type that passes variable coercion: @apollo/gateway checks variables before it
 * plans, so a document with required variables is planned only with values for them.
 */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type)]));
  }
  if (isScalarType(type)) {
    return SCALAR_CANDIDATES.find((candidate) => {
      try {
        return type.parseValue(candidate) !== undefined;
      } catch {
        return false;
      }
    });
  }
  return null;
}

function operationOf(schema: GraphQLSchema, text: string): { name: string | undefined; variables: Record<string, unknown> } {
  const operations = parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const only = operations.length === 1 ? operations[0] : undefined;
  const variables: Record<string, unknown> = {};
  for (const definition of only?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type) && isNonNullType(type) && !definition.defaultValue) variables[definition.variable.name.value] = sampleValue(type);
  }
  return { name: only?.name?.value, variables };
}

/**
 * The purposes whose entry points may admit a document (schema/src/entry-points.ts). It is judged
 * before any request brings its variables, so on its root field names: each root field once and
 * all its lookups together as one person, whose identity only a request can tell; a purpose is
 * left out only when it refuses the document whatever the variables (a listing under a
 * single-subject purpose, a lookup under STATISTICS, another purpose's queue). Only queries are
 * bound to entry points; a mutation document is open to every purpose here.
 */
export function purposesAdmitting(text: string): ReadonlySet<Purpose> {
  const roots = rootFieldNames(parse(text), null);
  if (!roots || roots.operation !== 'query') return new Set(PURPOSES);
  let lookup = false;
  const calls: RootCall[] = roots.names
    .filter((name) => {
      if (ENTRY_POINTS[name]?.kind !== 'LOOKUP') return true;
      const first = !lookup;
      lookup = true;
      return first;
    })
    .map((name) => ({ name, args: {} }));
  return new Set(PURPOSES.filter((purpose) => entryPointVerdict(purpose, calls).allowed));
}

export async function warmQueryPlans(options: {
  apollo: ApolloServer<GatewayContext>;
  engine: PrivacyEngine;
  /** The API schema, for values of the documents' required variables. */
  schema: GraphQLSchema;
  documents: Iterable<string>;
}): Promise<WarmupReport> {
  const started = performance.now();
  const planned = new Set<string>();
  let documents = 0;
  let refused = 0;
  for (const text of options.documents) {
    documents++;
    const operation = operationOf(options.schema, text);
    const admitting = purposesAdmitting(text);
    for (const role of ROLES) refused += purposesFor(role).filter((purpose) => !admitting.has(purpose)).length;
    // Both ways a client may send it: Apollo keys its plans by operation name as well as text.
    for (const operationName of [operation.name, undefined]) {
      for (const role of ROLES) {
        for (const purpose of purposesFor(role)) {
          // Refused by the purpose's entry points before planning at request time: nothing to plan.
          if (!admitting.has(purpose)) continue;
          const caller: CallerContext = { principal: { sub: 'plan-warmup', role }, purpose, grantId: null };
          const prepared = options.engine.prepare(text, operationName, callerPolicy(caller.principal, purpose));
          // A document this caller may not run is refused at request time too: nothing to plan.
          if (Array.isArray(prepared)) continue;
          const { query } = prepared as Prepared;
          const key = `${operationName ?? ''}\u0000${query}`;
          if (planned.has(key)) continue;
          planned.add(key);
          await options.apollo.executeOperation({ query, operationName, variables: operation.variables }, { contextValue: { caller, audit: { servedPersons: new Set() }, planOnly: true } });
        }
      }
    }
  }
  return { documents, operations: planned.size, refused, ms: performance.now() - started };
}
