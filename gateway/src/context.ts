import type { CallerContext } from '@credit/schema';

/** What one operation carries through @apollo/gateway to the subgraph data sources. */
export interface GatewayContext {
  caller: CallerContext;
  /** Filled from the subgraphs' `extensions.servedPersons`, which never reach the client. */
  audit: { servedPersons: Set<string> };
  /** Plan warm-up (plan-warmup.ts): the data sources answer nothing and ask no subgraph. */
  planOnly?: boolean;
}
