import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { headerLookup, SIGNATURE_HEADER, signRequest, type SigningKey } from '@credit/kit';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * The subgraph fetcher: signs each request exactly as it goes on the wire, after
 * `willSendRequest` has set the caller headers, so the signature covers them and the body bytes.
 */
export function createSigningFetcher(key: SigningKey, base: Fetcher): Fetcher {
  return async (url, init = {}) => {
    const target = new URL(url);
    const headers = { ...init.headers };
    headers[SIGNATURE_HEADER] = signRequest(key, {
      method: init.method ?? 'GET',
      path: `${target.pathname}${target.search}`,
      header: headerLookup(init.headers),
      body: init.body ?? '',
    });
    return base(url, { ...init, headers });
  };
}
