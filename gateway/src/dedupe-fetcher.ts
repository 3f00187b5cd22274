/**
 * Identical subgraph queries in flight at the same moment share one request: many dashboards
 * refreshing the same page, or the same statistics, ask each subgraph once. Hive Gateway and
 * Apollo Router do the same by default; plain @apollo/gateway does not.
 *
 * Two requests are identical when URL, every header (the caller headers the subgraph decides
 * privacy by among them) and body are: callers never share an answer computed for another
 * caller. Only queries are shared (the body starts with a query operation); a mutation, or a body
 * of any other shape, always goes on its own. Each sharer gets its own copy of the answer, parsed
 * on its own, so the query log still learns every request's served persons. Placed before the
 * signing fetcher: the signature's nonce makes every signed request different.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** @apollo/gateway sends `{"query":"<operation>", …}`; a query operation starts with `query` or `{`. */
const QUERY_BODY = /^\{"query":"(query\b|\{)/;

export function createDedupingFetcher(base: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetcherResponse>>();
  return (url, init = {}) => {
    const body = init.body;
    if (init.method !== 'POST' || typeof body !== 'string' || !QUERY_BODY.test(body)) return base(url, init);
    const headers = Object.entries(init.headers ?? {})
      .map(([name, value]) => [name.toLowerCase(), value])
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
    const key = `${url}\n${JSON.stringify(headers)}\n${body}`;
    let answer = inFlight.get(key);
    if (!answer) {
      answer = base(url, init);
      inFlight.set(key, answer);
      const forget = () => inFlight.delete(key);
      answer.then(forget, forget);
    }
    return answer.then((response) => response.clone());
  };
}
