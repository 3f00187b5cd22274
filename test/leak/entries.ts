/**
 * Whether the gateway must refuse an operation before planning because the caller's purpose does
 * not reach its root fields (schema/src/entry-points.ts, DESIGN §5 "Inference and purpose"), and
 * whether a refusal looks as the README says: `data: null` and one FORBIDDEN_PURPOSE error with
 * the table's reason. The root calls are read from the operation the test sent (through
 * fragments, variables coerced) by this module, not by the gateway's own reading.
 */
import { ENTRY_POINTS, entryPointVerdict, PURPOSE_ENTRIES, type EntryVerdict, type Purpose, type RootCall } from '@credit/schema';
import {
  getArgumentValues,
  getVariableValues,
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface SentCall extends RootCall {
  /** Response key (alias or name). */
  key: string;
}

/** The root fields of the (single) operation in document order, fragments expanded once each. */
export function rootCallsOf(schema: GraphQLSchema, query: string, variables: Record<string, unknown> = {}): SentCall[] {
  const document = parse(query);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new Error('expected exactly one operation');
  const operation = operations[0]!;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new Error(`the schema has no ${operation.operation} type`);
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new Error(`variables do not fit: ${coerced.errors.map((e) => e.message).join('; ')}`);
  const expanded = new Set<string>();
  const fields: FieldNode[] = [];
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  const definitions = rootType.getFields();
  return fields.map((node) => {
    const definition = definitions[node.name.value];
    if (!definition) throw new Error(`${rootType.name}.${node.name.value} is not in the schema`);
    return { key: node.alias?.value ?? node.name.value, name: node.name.value, args: getArgumentValues(definition, node, coerced.coerced) };
  });
}

/** The verdict of the entry-point table on the calls of one request (a batch: all its operations' calls, in order). */
export function expectedEntryVerdict(purpose: Purpose, calls: readonly SentCall[]): EntryVerdict {
  return entryPointVerdict(purpose, calls);
}

/** Whether `field` is a root field the purpose reaches at all (one call alone is not refused). */
export function reaches(purpose: Purpose, field: string): boolean {
  return expectedEntryVerdict(purpose, [{ key: field, name: field, args: { id: 'one', personId: 'one', citizenIdNumber: 'one' } }]).allowed;
}

/**
 * Root-field weights for the generator: fields the purpose does not reach together get
 * `refusedShare` of each draw, the reached ones the rest, so every purpose runs most of its
 * operations whatever the number of fields it reaches.
 */
export function rootWeights(purpose: Purpose, fields: readonly string[], refusedShare: number): (field: string) => number {
  const reached = fields.filter((f) => reaches(purpose, f)).length;
  const refused = fields.length - reached;
  return (field) =>
    reaches(purpose, field)
      ? Math.max(1, Math.round((1000 * (refused ? 1 - refusedShare : 1)) / reached))
      : Math.max(1, Math.round((1000 * refusedShare) / refused));
}

/** Single-subject purposes answer lookups of more than one subject per request with BULK. */
export const isSingleSubject = (purpose: Purpose): boolean => PURPOSE_ENTRIES[purpose].singleSubject;

/** Root fields that exist in the table (the generator may only favour those). */
export const TABLE_ROOT_FIELDS: readonly string[] = Object.keys(ENTRY_POINTS);

export interface Answer {
  data?: unknown;
  errors?: readonly { message?: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * What is wrong with the answer to a request the table refuses: it must be `data: null` and
 * exactly one error, FORBIDDEN_PURPOSE with the verdict's reason, at the refused root field
 * (the response key the client gave it), and HTTP 200 or 403.
 */
export function refusalProblems(status: number, answer: Answer, verdict: Extract<EntryVerdict, { allowed: false }>, calls: readonly SentCall[]): string[] {
  const problems: string[] = [];
  if (status !== 200 && status !== 403) problems.push(`HTTP ${status}, expected 200 or 403`);
  if (!answer || answer.data !== null) problems.push(`data must be null, was ${JSON.stringify(answer?.data)}`);
  const errors = answer?.errors ?? [];
  if (errors.length !== 1) problems.push(`exactly one error expected, got ${errors.length}`);
  const error = errors[0];
  if (error) {
    if (error.extensions?.code !== 'FORBIDDEN_PURPOSE') problems.push(`code ${String(error.extensions?.code)}, expected FORBIDDEN_PURPOSE`);
    if (error.extensions?.reason !== verdict.reason) problems.push(`reason ${String(error.extensions?.reason)}, expected ${verdict.reason} (at ${verdict.field})`);
    // The verdict names the response key the client used (alias or field name), and so must the path.
    if (!calls.some((c) => c.key === verdict.field)) problems.push(`the verdict names ${verdict.field}, which the request does not use`);
    if (error.path?.length !== 1 || error.path[0] !== verdict.field) problems.push(`path ${JSON.stringify(error.path)}, expected [${verdict.field}]`);
  }
  return problems;
}
