import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients may branch on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  /** The caller's role or purpose may not perform this operation. */
  | 'FORBIDDEN_OPERATION'
  /** Records that left publication are archived: only AUDITOR with purpose AUDIT reads them. */
  | 'FORBIDDEN_ARCHIVE'
  /** Working days cannot be counted: the holiday calendar holds no arrangement for the year. */
  | 'CALENDAR_NOT_AVAILABLE';

export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  userError('BAD_USER_INPUT', message, extensions);
export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  userError('CONFLICT', message, extensions);
export const notFound = (message: string, extensions: Record<string, unknown> = {}) =>
  userError('NOT_FOUND', message, extensions);
export const invalidState = (message: string, extensions: Record<string, unknown> = {}) =>
  userError('INVALID_STATE', message, extensions);
