import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  listen,
  logger,
  signingKeyFromEnv,
  SUBGRAPH_NAMES,
  subgraphUrl,
  type Listening,
  type SigningKey,
  type SubgraphName,
} from '@credit/kit';
import { createSigningFetcher } from './fetcher.js';
import { checkSubgraphs } from './health.js';
import { loadSupergraphSdl } from './supergraph.js';

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Base URL per subgraph; default `<NAME>_URL` or the default ports. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  /** Key shared with the subgraphs; default `signingKeyFromEnv()`. */
  signingKey?: SigningKey;
}

export interface RunningGateway extends Listening {
  apollo: ApolloServer;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const signingKey = options.signingKey ?? signingKeyFromEnv();
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? loadSupergraphSdl(),
    // The committed supergraph names default ports; the deployment's URLs win.
    // Subgraphs answer only signed requests; APQ stays off so every request carries its full body.
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: urls[name as SubgraphName] ? new URL('/graphql', urls[name as SubgraphName]).toString() : url,
        apq: false,
        fetcher: createSigningFetcher(signingKey),
      }),
    logger,
  });
  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const listening = await listen({
    apollo,
    context: async () => ({}),
    routes: { '/health': () => checkSubgraphs(urls) },
    port: options.port ?? 0,
    host: options.host,
  });
  return {
    ...listening,
    apollo,
    close: async () => {
      await listening.close();
      await apollo.stop();
    },
  };
}
