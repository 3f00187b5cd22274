import { fileURLToPath } from 'node:url';
import { loadTypeDefs, startSubgraph, type SubgraphOptions, type SubgraphSpec } from '@credit/kit';
import { createContext, type Context } from './context.js';
import type { GrantRow, PersonRow } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

export const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export const spec: SubgraphSpec<Context> = {
  name: 'identity',
  typeDefs,
  resolvers,
  migrationsFolder,
  createContext,
  seed,
  seedProbeTable: 'identity.persons',
  personOf: { Person: (person: PersonRow) => person.id, AuthorizationGrant: (grant: GrantRow) => grant.personId },
};

export const startIdentity = (options: SubgraphOptions = {}) => startSubgraph(spec, options);
