import { readFileSync } from 'node:fs';
import { DEPARTMENTS, SUBGRAPH_NAMES, type SubgraphName } from './departments.js';
import { federationHeader, privacyDirectiveSdl } from './privacy.js';

/** Default ports (DESIGN §2): the gateway's, and each department's from its registry entry. */
export const DEFAULT_PORTS: Readonly<Record<SubgraphName | 'gateway', number>> = {
  gateway: 4000,
  ...(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, DEPARTMENTS[name].port])) as Record<SubgraphName, number>),
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
