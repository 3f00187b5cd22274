import { fileURLToPath } from 'node:url';
import { loadTypeDefs, startSubgraph, type SubgraphOptions, type SubgraphSpec } from '@credit/kit';
import { createContext, type Context } from './context.js';
import { eventTables } from './db/schema.js';
import { subscriptions } from './events.js';
import { handlers } from './handlers.js';
import { projectionHandlers } from './projections.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

export const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export const spec: SubgraphSpec<Context> = {
  name: 'records',
  typeDefs,
  resolvers,
  migrationsFolder,
  createContext,
  outbox: { tables: eventTables, subscriptions, handlers: { ...handlers, ...projectionHandlers } },
  seed,
  seedProbeTable: 'records.credit_records',
};

export const startRecords = (options: SubgraphOptions = {}) => startSubgraph(spec, options);
