import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createApollo, listen, type Listening } from '@credit/kit';
import { federationHeader, privacyDirectiveSdl } from '@credit/schema';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditingDataSource, newAuditState, type AuditContext } from './served.js';

const sdl = (text: string) => parse(`${federationHeader}${privacyDirectiveSdl}${text}`);
const persons = ['p-a', 'p-b'];

/** Two tiny subgraphs: `people` owns Person and its name, `scores` adds a PERSONAL score. */
const people = createApollo(
  sdl(`
    type Query { people: [Person!] @privacy(level: INTERNAL) }
    type Person @key(fields: "id") { id: ID! @privacy(level: PUBLIC) name: String @privacy(level: PERSONAL) }
  `),
  { Query: { people: () => persons.map((id) => ({ id })) }, Person: { name: (p: { id: string }) => `name of ${p.id}` } } as never,
  { Person: (p: { id: string }) => p.id },
);
const scores = createApollo(
  sdl(`type Person @key(fields: "id") { id: ID! @privacy(level: PUBLIC) score: Int @privacy(level: PERSONAL) }`),
  { Person: { score: () => 80 } } as never,
  { Person: (p: { id: string }) => p.id },
);

let servers: Listening[] = [];
let gatewayApollo: ApolloServer<AuditContext>;

beforeAll(async () => {
  await Promise.all([people.start(), scores.start()]);
  servers = await Promise.all([people, scores].map((apollo) => listen({ apollo, context: async () => ({}) })));
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'people', url: `${servers[0]!.url}/graphql` },
        { name: 'scores', url: `${servers[1]!.url}/graphql` },
      ],
    }),
    buildService: ({ url }) => new AuditingDataSource({ url }),
  });
  gatewayApollo = new ApolloServer<AuditContext>({ gateway });
  await gatewayApollo.start();
});
afterAll(async () => {
  await gatewayApollo?.stop();
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all([people.stop(), scores.stop()]);
});

async function throughGateway(query: string) {
  const contextValue: AuditContext = { audit: newAuditState() };
  const response = await gatewayApollo.executeOperation({ query }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('single result expected');
  return { result: response.body.singleResult, served: [...contextValue.audit.servedPersons].sort() };
}

describe('AuditingDataSource through @apollo/gateway', () => {
  it('collects the persons every subgraph served into the request context', async () => {
    const { result, served } = await throughGateway(`{ people { name score } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ people: [{ name: 'name of p-a', score: 80 }, { name: 'name of p-b', score: 80 }] });
    expect(served).toEqual(['p-a', 'p-b']);
    expect(JSON.stringify(result)).not.toContain('servedPersons');
  });

  it('counts a person only where personal data was resolved (the key alone is not)', async () => {
    expect((await throughGateway(`{ people { id } }`)).served).toEqual([]);
    expect((await throughGateway(`{ people { id score } }`)).served).toEqual(['p-a', 'p-b']);
  });
});

describe('AuditingDataSource.didReceiveResponse', () => {
  const source = new AuditingDataSource({ url: 'http://subgraph.test/graphql' });

  it('moves the ids into the audit state and keeps other extensions', () => {
    const context: AuditContext = { audit: newAuditState() };
    const response = source.didReceiveResponse({
      response: { data: { a: 1 }, extensions: { servedPersons: ['p-1', 'p-2'], other: true } },
      context,
    });
    expect(response).toEqual({ data: { a: 1 }, extensions: { other: true } });
    expect([...context.audit.servedPersons]).toEqual(['p-1', 'p-2']);
  });

  it('leaves no empty extensions object and passes a response without a report through', () => {
    const context: AuditContext = { audit: newAuditState() };
    expect(source.didReceiveResponse({ response: { data: {}, extensions: { servedPersons: [] } }, context })).toEqual({
      data: {},
      extensions: undefined,
    });
    const plain = { data: { a: 1 } };
    expect(source.didReceiveResponse({ response: plain, context })).toBe(plain);
  });

  it('refuses a malformed report and a report it has nowhere to record', () => {
    const context: AuditContext = { audit: newAuditState() };
    expect(() => source.didReceiveResponse({ response: { extensions: { servedPersons: 'p-1' } }, context })).toThrow(/malformed/);
    expect(() => source.didReceiveResponse({ response: { extensions: { servedPersons: [1] } }, context })).toThrow(/malformed/);
    expect(() =>
      source.didReceiveResponse({ response: { extensions: { servedPersons: ['p-1'] } }, context: {} as AuditContext }),
    ).toThrow(/without audit state/);
  });
});
