import { fileURLToPath } from 'node:url';
import { DEMO_DATASET, loadTypeDefs, startSubgraph, type SubgraphOptions } from '@credit/kit';
import { createContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

export const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export function startIdentity(options: SubgraphOptions = {}) {
  return startSubgraph(
    {
      name: 'identity',
      typeDefs,
      resolvers,
      migrationsFolder,
      createContext,
      seedProbeTable: 'identity.persons',
      seedDemo: (db) => seed(db, DEMO_DATASET),
    },
    options,
  );
}
