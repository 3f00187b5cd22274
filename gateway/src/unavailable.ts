/**
 * A department that cannot be reached (its process gone, connection refused or reset, no answer in
 * time) is reported to the client as itself: `SUBGRAPH_UNAVAILABLE` with the department's name, on
 * the fields it owns, while the other departments' fields still answer. Without this the transport's
 * own error reached the client as INTERNAL_SERVER_ERROR quoting the subgraph's address
 * ("connect ECONNREFUSED 127.0.0.1:4004"), which names no department and tells the address instead.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { logger } from '@credit/kit';
import { GraphQLError } from 'graphql';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Wraps the transport: a failed request to one of `urls` (by subgraph name) becomes that department's error. */
export function reportUnavailable(transport: Fetcher, urls: Record<string, string>): Fetcher {
  const byUrl = new Map(Object.entries(urls).map(([name, url]) => [new URL('/graphql', url).toString(), name]));
  return async (url, init) => {
    try {
      return await transport(url, init);
    } catch (error) {
      const department = byUrl.get(url);
      if (!department) throw error;
      // The error code only (ECONNREFUSED, ECONNRESET): the message may quote the request.
      logger.warn({ subgraph: department, code: (error as { code?: unknown }).code ?? 'TIMEOUT' }, 'department unavailable');
      throw new GraphQLError(`The ${department} department is unavailable; its fields are null`, {
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: department },
      });
    }
  };
}
