import { fileURLToPath } from 'node:url';
import { loadTypeDefs, startSubgraph, type SubgraphOptions, type SubgraphSpec } from '@credit/kit';
import { createContext, type Context } from './context.js';
import { eventTables } from './db/schema.js';
import { handlers, subscriptions } from './events.js';
import { ensureReferenceData } from './reference/ensure.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

export const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export const spec: SubgraphSpec<Context> = {
  name: 'disputes',
  typeDefs,
  resolvers,
  migrationsFolder,
  createContext,
  outbox: { tables: eventTables, subscriptions, handlers },
  ensureReferenceData,
  seed,
  seedProbeTable: 'disputes.objections',
};

export const startDisputes = (options: SubgraphOptions = {}) => startSubgraph(spec, options);
