import { fileURLToPath } from 'node:url';
import { loadTypeDefs, startSubgraph, type SubgraphOptions, type SubgraphSpec } from '@credit/kit';
import { createContext, type Context } from './context.js';
import { eventTables } from './db/schema.js';
import { subscriptions } from './events.js';
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
  // Records keeps a copy of each person's name and ID number and of each grant (events.ts).
  outbox: { tables: eventTables, subscriptions },
  seed,
  seedProbeTable: 'identity.persons',
};

export const startIdentity = (options: SubgraphOptions = {}) => startSubgraph(spec, options);
