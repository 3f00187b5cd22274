import { Kind, valueFromASTUntyped, visit, type DocumentNode, type FieldNode, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { limitError } from './errors.js';

/** The page size subgraphs use when a paged field has no `first` (their schemas: first is 1..100, default 20). */
export const DEFAULT_PAGE_SIZE = 20;

export type Variables = Readonly<Record<string, unknown>>;

/** The operation's variables as execution will see them: provided values over declared defaults. */
export function operationVariables(operation: OperationDefinitionNode, provided: Variables): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return { ...values, ...provided };
}

/** The `first` a field asks for, when it names one that resolves to a number. */
export function requestedPageSize(field: FieldNode, variables: Variables): number | undefined {
  const argument = field.arguments?.find((a) => a.name.value === 'first');
  if (!argument) return undefined;
  const value = valueFromASTUntyped(argument.value, variables);
  return typeof value === 'number' ? value : undefined;
}

/**
 * One PAGE_TOO_LARGE per `first` above the maximum, literal or from a variable. A variable the
 * request does not provide is checked with every default an operation declares for it, so the
 * check needs no operation name.
 */
export function checkPageSizes(document: DocumentNode, provided: Variables, maxPageSize: number): GraphQLError[] {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  // Literals need no operation; the provided values alone cover a document without one.
  const candidates = [provided, ...operations.map((operation) => operationVariables(operation, provided))];
  const errors: GraphQLError[] = [];
  visit(document, {
    Field(field) {
      const largest = Math.max(...candidates.map((variables) => requestedPageSize(field, variables) ?? 0));
      if (largest > maxPageSize) {
        const name = field.alias?.value ?? field.name.value;
        errors.push(limitError('PAGE_TOO_LARGE', `${name}: first is at most ${maxPageSize}, got ${largest}`, { maxPageSize }, field));
      }
    },
  });
  return errors;
}
