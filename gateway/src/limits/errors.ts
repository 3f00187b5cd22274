import { GraphQLError, type ASTNode } from 'graphql';

/** Stable `extensions.code` values of the analyst limits (DESIGN §5); clients may branch on them. */
export type LimitCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'QUERY_TOO_LARGE'
  | 'QUERY_TOO_COSTLY'
  | 'PAGE_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTROSPECTION_DISABLED';

export function limitError(
  code: LimitCode,
  message: string,
  extensions: Record<string, unknown> = {},
  nodes?: ASTNode | readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { ...extensions, code } });
}
