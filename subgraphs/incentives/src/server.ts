import { fileURLToPath } from 'node:url';
import { loadTypeDefs, startSubgraph, type SubgraphOptions, type SubgraphSpec } from '@credit/kit';
import { createContext, type Context } from './context.js';
import { eventTables } from './db/schema.js';
import { handlers, subscriptions } from './events.js';
import { ensureReferenceData } from './reference/ensure.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Scores, lists and eligibility are computed from a projection of credit records that the records
 * subgraph feeds through its outbox (`record.changed`), not through `@requires`: the rules need
 * all of a person's records, expired and repaired ones included (the 3-year rule), which no
 * federated field exposes, and a local projection keeps a dashboard query one hop and one SQL
 * statement per batch of persons.
 *
 * Incentives has no demo data of its own (its projection arrives through events, nominations
 * through nominateRedList), hence no seed.
 */
export const spec: SubgraphSpec<Context> = {
  name: 'incentives',
  typeDefs,
  resolvers,
  migrationsFolder,
  createContext,
  outbox: { tables: eventTables, subscriptions, handlers },
  ensureReferenceData,
  seedProbeTable: 'incentives.record_facts',
};

export const startIncentives = (options: SubgraphOptions = {}) => startSubgraph(spec, options);
