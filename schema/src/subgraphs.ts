import { readFileSync } from 'node:fs';
import { federationHeader, privacyDirectiveSdl } from './privacy.js';

/** The department subgraphs, in composition order, and the default ports (DESIGN §2). */
export const SUBGRAPH_NAMES = ['identity', 'records', 'disputes', 'incentives'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  identity: 4001,
  records: 4002,
  disputes: 4003,
  incentives: 4004,
};

/** Base URL of a subgraph: `<NAME>_URL`, else localhost on its default port. */
export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}`;
}

/** A subgraph's SDL file with the federation and privacy headers in front of it. */
export function subgraphSdl(schemaFile: URL): string {
  return federationHeader + privacyDirectiveSdl + readFileSync(schemaFile, 'utf8');
}

export function subgraphSchemaFile(name: SubgraphName): URL {
  return new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url);
}

/** The query log's subgraph: the gateway serves it in-process from its own database. */
export const AUDIT_SUBGRAPH = 'audit';
export const AUDIT_SCHEMA_FILE = new URL('../../gateway/audit.graphql', import.meta.url);

export interface ComposedSubgraph {
  name: string;
  /** The routing URL written into the supergraph (deployments override it). */
  url: string;
  schemaFile: URL;
}

/** Everything the supergraph is composed of: the department subgraphs, then the audit subgraph. */
export const COMPOSED_SUBGRAPHS: readonly ComposedSubgraph[] = [
  ...SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    schemaFile: subgraphSchemaFile(name),
  })),
  {
    name: AUDIT_SUBGRAPH,
    url: `http://127.0.0.1:${DEFAULT_PORTS.gateway}/audit`,
    schemaFile: AUDIT_SCHEMA_FILE,
  },
];
