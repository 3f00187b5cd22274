/**
 * The root fields an operation calls, with their argument values: what the write permits and the
 * purposes' entry points are decided on, before planning. Both are judged on what the client sent.
 */
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface RootCall {
  /** The response key (alias or field name): the path of a refusal. */
  key: string;
  name: string;
  args: Readonly<Record<string, unknown>>;
}

export interface RootCalls {
  operation: OperationDefinitionNode['operation'];
  calls: RootCall[];
}

export function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** Every root field, through fragments; `@skip`/`@include` are ignored, so a field that might run is judged as if it will. */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

/**
 * The root field names an operation calls (through fragments, `__typename` left out), without
 * argument values: what can be judged of a document before any request brings its variables (the
 * plan warm-up). `undefined` when the document names no such operation.
 */
export function rootFieldNames(document: DocumentNode, operationName: string | null): { operation: OperationDefinitionNode['operation']; names: string[] } | undefined {
  const operation = operationOf(document, operationName);
  if (!operation) return undefined;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { operation: operation.operation, names: [...new Set(rootFields(operation.selectionSet, fragments).map((node) => node.name.value))] };
}

/**
 * The operation's root calls; `undefined` when the document names no such operation (the planner
 * answers that). Variables that do not fit their definitions are refused with BAD_USER_INPUT, as
 * execution would refuse them.
 */
export function rootCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown>,
): RootCalls | GraphQLError[] | undefined {
  const operation = operationOf(document, operationName);
  const rootType: GraphQLObjectType | null | undefined = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } }));
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const fields = rootType.getFields();
  const calls = rootFields(operation.selectionSet, fragments).map((node) => {
    const definition = fields[node.name.value];
    return { key: node.alias?.value ?? node.name.value, name: node.name.value, args: definition ? getArgumentValues(definition, node, coerced.coerced) : {} };
  });
  return { operation: operation.operation, calls };
}
