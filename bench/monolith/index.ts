/**
 * The ceiling: one non-federated Apollo Server over the same four schemas (one PostgreSQL pool),
 * serving the composed API schema with the departments' own resolvers and DataLoaders merged into
 * one executable schema. No gateway, no query planning, no subgraph hops, no privacy engine: what
 * is left is parsing, validation, execution and the same SQL.
 *
 * How the four resolver maps meet in one schema: a field is resolved by the subgraph that
 * declares it. When its parent is only a reference ({ id }, as one department hands another's
 * entity over), the declaring subgraph's `__resolveReference` turns it into its own object first,
 * exactly what the gateway's entity fetch would have done, but in-process and batched by the same
 * DataLoaders.
 */
import { Supergraph } from '@apollo/federation-internals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { spec as disputes } from '@credit/disputes/server';
import { spec as identity } from '@credit/identity/server';
import { spec as incentives } from '@credit/incentives/server';
import { listen, openDatabase, type Clock, type Database, type Listening, type SubgraphSpec } from '@credit/kit';
import { spec as records } from '@credit/records/server';
import { clientCaller } from '../src/client-caller.js';
import { addResolversToSchema } from '@graphql-tools/schema';
import {
  defaultFieldResolver,
  GraphQLScalarType,
  Kind,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
} from 'graphql';

type AnySpec = SubgraphSpec<any>;
type Resolver = (parent: any, args: any, ctx: any, info: GraphQLResolveInfo) => unknown;
type ReferenceResolver = (ref: any, ctx: any, info: GraphQLResolveInfo) => unknown;

const SPECS = [identity, records, disputes, incentives] as unknown as AnySpec[];

interface MonolithContext {
  byGraph: Record<string, unknown>;
  references: WeakMap<object, Map<string, unknown>>;
}

/** Fields each subgraph declares per type (key fields and @external ones excepted). */
function declaredFields(typeDefs: DocumentNode): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const fields = out.get(def.name.value) ?? new Set<string>();
    for (const field of def.fields ?? []) {
      if (field.directives?.some((d) => d.name.value === 'external')) continue;
      fields.add(field.name.value);
    }
    out.set(def.name.value, fields);
  }
  return out;
}

/** A reference another department hands over: nothing but the key. */
const isReference = (value: unknown): value is { id: string } =>
  typeof value === 'object' && value !== null && Object.keys(value).every((k) => k === 'id' || k === '__typename');

export function buildMonolithSchema(supergraphSdl: string) {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  // type → field → the one subgraph that declares it (fields several declare are plain properties).
  const owners = new Map<string, Map<string, string>>();
  const counts = new Map<string, number>();
  for (const spec of SPECS) {
    for (const [type, fields] of declaredFields(spec.typeDefs)) {
      for (const field of fields) counts.set(`${type}.${field}`, (counts.get(`${type}.${field}`) ?? 0) + 1);
    }
  }
  for (const spec of SPECS) {
    for (const [type, fields] of declaredFields(spec.typeDefs)) {
      for (const field of fields) {
        if (counts.get(`${type}.${field}`) !== 1) continue;
        if (!owners.has(type)) owners.set(type, new Map());
        owners.get(type)!.set(field, spec.name);
      }
    }
  }
  const references = new Map<string, ReferenceResolver>();
  const fieldResolvers = new Map<string, Resolver>();
  const resolvers: Record<string, any> = {};
  for (const spec of SPECS) {
    for (const [type, map] of Object.entries(spec.resolvers as Record<string, unknown>)) {
      if (map instanceof GraphQLScalarType) {
        resolvers[type] ??= map;
        continue;
      }
      if (type === 'Mutation' || typeof map !== 'object' || map === null) continue;
      for (const [field, fn] of Object.entries(map as Record<string, unknown>)) {
        if (field === '__resolveReference') references.set(`${spec.name}:${type}`, fn as ReferenceResolver);
        else if (typeof fn === 'function') fieldResolvers.set(`${spec.name}:${type}.${field}`, fn as Resolver);
      }
    }
  }

  /** The declaring subgraph's own object for `parent`: the parent itself unless it is a bare reference. */
  const ownObject = (graph: string, type: string, parent: unknown, ctx: MonolithContext, info: GraphQLResolveInfo): unknown => {
    const resolveReference = references.get(`${graph}:${type}`);
    if (!resolveReference || !isReference(parent)) return parent;
    let perParent = ctx.references.get(parent);
    if (!perParent) ctx.references.set(parent, (perParent = new Map()));
    if (!perParent.has(graph)) perParent.set(graph, resolveReference(parent, ctx.byGraph[graph], info));
    return perParent.get(graph);
  };

  for (const [type, fields] of owners) {
    if (!schema.getType(type)) continue;
    for (const [field, graph] of fields) {
      const own = fieldResolvers.get(`${graph}:${type}.${field}`);
      const resolve: GraphQLFieldResolver<unknown, MonolithContext> =
        type === 'Query'
          ? (parent, args, ctx, info) => own!(parent, args, ctx.byGraph[graph], info)
          : async (parent, args, ctx, info) => {
              const object = await ownObject(graph, type, parent, ctx, info);
              if (object === null || object === undefined) return null;
              return own ? own(object, args, ctx.byGraph[graph], info) : defaultFieldResolver(object, args, ctx, info);
            };
      if (type === 'Query' && !own) continue;
      (resolvers[type] ??= {})[field] = resolve;
    }
  }
  return addResolversToSchema({ schema, resolvers, updateResolversInPlace: false });
}

export interface MonolithOptions {
  supergraphSdl: string;
  location: string;
  clock: Clock;
  port?: number;
  poolSize?: number;
}

export interface RunningMonolith extends Listening {
  database: Database;
}

export async function startMonolith(options: MonolithOptions): Promise<RunningMonolith> {
  const database = await openDatabase({ name: 'monolith', location: options.location, poolSize: options.poolSize ?? 20 });
  const apollo = new ApolloServer<MonolithContext>({
    schema: buildMonolithSchema(options.supergraphSdl),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const env = { db: database.db, clock: options.clock, relay: undefined };
  const listening = await listen({
    apollo,
    context: async (req) => {
      // The caller the request names (bench/src/client-caller.ts), as our gateway hands it to the subgraphs.
      const purpose = req.headers['x-purpose'];
      const caller = clientCaller(req.headers.authorization, Array.isArray(purpose) ? purpose[0] : purpose);
      return {
        byGraph: Object.fromEntries(SPECS.map((spec) => [spec.name, spec.createContext({ ...env, caller })])),
        references: new WeakMap(),
      };
    },
    port: options.port ?? 0,
  });
  return {
    ...listening,
    database,
    close: async () => {
      await listening.close();
      await apollo.stop();
      await database.close();
    },
  };
}
