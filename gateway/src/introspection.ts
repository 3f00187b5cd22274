import type { Role } from '@credit/schema';
import { execute, Kind, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { checkIntrospection, isIntrospectionQuery } from './limits/introspection.js';

export type Introspection = (
  document: DocumentNode,
  role: Role,
  variables: Record<string, unknown>,
  operationName: string | null,
) => { data?: unknown; errors?: readonly GraphQLFormattedError[] } | undefined;

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * Refuses introspection to PUBLIC and CITIZEN; answers staff's pure introspection operations from
 * the schema annotated with each field's privacy level. Anything else runs as usual.
 */
export function createIntrospection(annotated: () => GraphQLSchema): Introspection {
  return (document, role, variables, operationName) => {
    if (!isIntrospectionQuery(document)) return undefined;
    const refused = checkIntrospection(document, role);
    if (refused) return { errors: [refused.toJSON()] };
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    const pure = operation?.selectionSet.selections.every((s) => s.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(s.name.value));
    if (!pure) return undefined;
    const result = execute({ schema: annotated(), document, variableValues: variables, operationName: operationName ?? undefined });
    if ('then' in result) return undefined;
    return { data: result.data, errors: result.errors?.map((e) => e.toJSON()) };
  };
}
