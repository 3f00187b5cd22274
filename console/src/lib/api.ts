/**
 * POST /graphql on this origin with the session's token and purpose. Answers come back whole,
 * data and errors together, so a page can show a withheld field next to the ones it got.
 */
import type { TypedDocumentString } from '../gql/graphql';
import { getSession, setSession, type Session } from './session';

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; reason?: string; level?: string; [key: string]: unknown };
}

export interface Answer<T> {
  data: T | null | undefined;
  errors: GraphQLErrorShape[];
}

/** The request failed as a whole (HTTP error, network, or no data at all with errors). */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: GraphQLErrorShape[] = [],
  ) {
    super(message);
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
  get reason(): string | undefined {
    return this.errors[0]?.extensions?.reason;
  }
}

export function headersFor(session: Session | null, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...extra };
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
    headers['x-purpose'] = session.purpose;
  }
  return headers;
}

export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
  options: { anonymous?: boolean } = {},
): Promise<Answer<TResult>> {
  const session = options.anonymous ? null : getSession();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: headersFor(session),
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (error) {
    throw new RequestFailed(`network: ${(error as Error).message}`, 0);
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RequestFailed(`HTTP ${response.status}`, response.status);
  }
  const errors = body.errors ?? [];
  if (response.status === 401 && session) {
    // The token no longer verifies (expired, revoked key): sign out rather than fall back to PUBLIC.
    setSession(null);
  }
  if (!response.ok || (body.data == null && errors.length > 0)) {
    throw new RequestFailed(errors[0]?.message ?? `HTTP ${response.status}`, response.status, errors);
  }
  return { data: body.data, errors };
}

export const samePath = (a: readonly (string | number)[] | undefined, b: readonly (string | number)[]) =>
  !!a && a.length === b.length && a.every((segment, i) => segment === b[i]);

/** The FORBIDDEN_FIELD error at exactly this path, if the gateway withheld the value. */
export function withheldAt(errors: readonly GraphQLErrorShape[], path: readonly (string | number)[]): GraphQLErrorShape | undefined {
  return errors.find((e) => e.extensions?.code === 'FORBIDDEN_FIELD' && samePath(e.path, path));
}
