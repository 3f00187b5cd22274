import { readFileSync } from 'node:fs';

export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url);

/** The committed supergraph (`npm run compose`); the gateway never composes at run time. */
export function loadSupergraphSdl(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
