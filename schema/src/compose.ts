import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { lintPrivacy } from './lint.js';
import { COMPOSED_SUBGRAPHS, subgraphSdl } from './subgraphs.js';

export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);

/** Composes the subgraphs' SDL and lints its privacy classifications; problems are fatal. */
export function composeSupergraph(): { supergraphSdl?: string; problems: string[] } {
  const subgraphs = COMPOSED_SUBGRAPHS.map(({ name, url, schemaFile }) => ({ name, url, typeDefs: parse(subgraphSdl(schemaFile)) }));
  const problems = lintPrivacy(subgraphs.map((s) => ({ name: s.name, document: s.typeDefs })));
  const result = composeServices(subgraphs);
  if (result.errors) problems.push(...result.errors.map((e) => `composition: ${e.message}`));
  return { supergraphSdl: result.supergraphSdl, problems };
}

