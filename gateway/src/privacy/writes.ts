/**
 * Write permits at the gateway (DESIGN §5, Writes): the mutation fields of an operation, each
 * judged against `MUTATION_PERMITS` on the caller and the arguments before planning. Whether the
 * caller may read a mutation's answer is a separate question, decided afterwards by the read policy.
 */
import { entryVerdict, MUTATION_PERMITS, PERMIT_REFUSAL_TEXT, isMutationName, type CallerContext, type PermitRefusal, type PermitVerdict } from '@credit/schema';
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { OWNER_KEY, ownerFrom, TYPE_KEY, type OperationPlan } from './plan.js';

export interface WriteAttempt {
  /** The response key (alias or field name): the path of its error. */
  key: string;
  mutation: string;
  /** The subject the arguments name, when they name one: the query log's person for a refused write. */
  subjectIds: string[];
  verdict: PermitVerdict;
}

export function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/**
 * Every root field of a mutation, through fragments; `@skip`/`@include` are ignored, so a field that
 * might run is judged as if it will.
 */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

/**
 * The writes an operation would make, each with its verdict; `[]` for a query. Variables that do not
 * fit their definitions are refused here with BAD_USER_INPUT, as execution would refuse them.
 */
export function writeAttempts(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown>,
  caller: CallerContext,
): WriteAttempt[] | GraphQLError[] {
  const operation = operationOf(document, operationName);
  const mutationType = schema.getMutationType();
  if (!operation || operation.operation !== 'mutation' || !mutationType) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } }));
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return rootFields(operation.selectionSet, fragments)
    .filter((node) => node.name.value !== '__typename')
    .map((node) => {
      const mutation = node.name.value;
      const definition = mutationType.getFields()[mutation];
      const args = definition ? getArgumentValues(definition, node, coerced.coerced) : {};
      const entry = isMutationName(mutation) ? MUTATION_PERMITS[mutation] : undefined;
      const subject = entry && 'fromArguments' in entry ? entry.fromArguments(args, caller.principal).subjectId : undefined;
      return {
        key: node.alias?.value ?? mutation,
        mutation,
        subjectIds: typeof subject === 'string' ? [subject] : [],
        verdict: entryVerdict(mutation, caller, args),
      };
    });
}

/** FORBIDDEN_OPERATION at the refused field's path; nothing of the operation runs. */
export function refusalError(attempt: WriteAttempt, reason: PermitRefusal) {
  return {
    message: `${attempt.mutation} ${PERMIT_REFUSAL_TEXT[reason]}`,
    path: [attempt.key],
    extensions: { code: 'FORBIDDEN_OPERATION', operation: attempt.mutation, reason },
  };
}

/** The person a write's answer is about (its injected owner), read before enforcement strips it. */
export function answerOwner(data: Record<string, unknown> | null, attempt: WriteAttempt, plan: OperationPlan): string | undefined {
  const value = data?.[attempt.key];
  if (!value || typeof value !== 'object') return undefined;
  const object = value as Record<string, unknown>;
  const [only] = plan.root.get(plan.rootType)?.get(attempt.key)?.child?.keys() ?? [];
  const typeName = typeof object[TYPE_KEY] === 'string' ? (object[TYPE_KEY] as string) : only;
  return typeName ? ownerFrom(typeName, object[OWNER_KEY]) : undefined;
}
