import { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import { PURPOSES, purposesFor, ROLES, type Purpose } from '@credit/schema';
import { classificationsFromSupergraph } from '@credit/schema/classifications';
import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from './context.js';
import { purposesAdmitting, warmQueryPlans } from './plan-warmup.js';
import { PrivacyEngine } from './privacy/engine.js';
import { loadSupergraphSdl } from './supergraph.js';
import { loadTrustedDocuments } from './trusted-documents.js';

const documents = [...loadTrustedDocuments().values()];
const documentNamed = (name: string) => {
  const text = documents.find((d) => d.includes(`query ${name}(`));
  if (!text) throw new Error(`no trusted document ${name}`);
  return text;
};
const except = (...left: Purpose[]) => new Set(PURPOSES.filter((p) => !left.includes(p)));

describe('the purposes a trusted document is warmed for', () => {
  it('follows the entry points of each dashboard document', () => {
    // A page of all persons is a listing: AUDIT only.
    expect(purposesAdmitting(documentNamed('UnifiedViewPage'))).toEqual(new Set(['AUDIT']));
    // One person by id: every purpose with lookups, not STATISTICS.
    expect(purposesAdmitting(documentNamed('PersonLookup'))).toEqual(except('STATISTICS'));
    expect(purposesAdmitting(documentNamed('Statistics'))).toEqual(new Set(['PUBLIC_DISCLOSURE', 'STATISTICS', 'AUDIT']));
    expect(purposesAdmitting(documentNamed('PublicDisclosures'))).toEqual(new Set(PURPOSES));
    // The objection review queue: its own review purpose only (the queues are the reviewers' work, not AUDIT's).
    expect(purposesAdmitting(documentNamed('ReviewQueue'))).toEqual(new Set(['OBJECTION_REVIEW']));
  });

  it('judges root field names through fragments, a lookup once whatever its variables, and leaves mutations to the permits', () => {
    const listing = `query Q($after: String) { ...Page } fragment Page on Query { persons(first: 20, after: $after) { edges { cursor } } }`;
    expect(purposesAdmitting(listing)).toEqual(new Set(['AUDIT']));
    // Aliases of one lookup may name one person: a single-subject purpose is not refused for them here.
    const twice = `query Q($a: ID!, $b: ID!) { a: person(id: $a) { id } b: person(id: $b) { id } }`;
    expect(purposesAdmitting(twice)).toEqual(except('STATISTICS'));
    // A lookup beside a listing is refused to single-subject purposes whatever the variables.
    expect(purposesAdmitting(`query Q($id: ID!) { person(id: $id) { id } overdueObjections { id } }`)).toEqual(new Set(['OBJECTION_REVIEW']));
    expect(purposesAdmitting(`mutation M { registerPerson(input: { name: "x", citizenIdNumber: "y" }) { id } }`)).toEqual(new Set(PURPOSES));
  });
});

describe('plan warm-up', () => {
  let schema: GraphQLSchema;
  let engine: PrivacyEngine;
  beforeAll(async () => {
    const sdl = loadSupergraphSdl();
    const gateway = new ApolloGateway({ supergraphSdl: sdl });
    ({ schema } = (await gateway.load()) as { schema: GraphQLSchema });
    const classifications = classificationsFromSupergraph(sdl);
    engine = new PrivacyEngine(schema, (coordinate) => classifications.get(coordinate) as never);
    await gateway.stop();
  });

  it('plans no (role, purpose) pair whose entry points refuse the document, and counts the pairs it left out', async () => {
    const ran: { purpose: Purpose; query: string; operationName: string | undefined }[] = [];
    const apollo = {
      executeOperation: async (request: { query: string; operationName?: string }, { contextValue }: { contextValue: GatewayContext }) => {
        expect(contextValue.planOnly).toBe(true);
        ran.push({ purpose: contextValue.caller.purpose!, query: request.query, operationName: request.operationName });
        return { body: { kind: 'single', singleResult: {} } };
      },
    } as unknown as ApolloServer<GatewayContext>;
    const page = documentNamed('UnifiedViewPage');
    const report = await warmQueryPlans({ apollo, engine, schema, documents: [page] });

    const pairs = ROLES.flatMap((role) => purposesFor(role).map((purpose) => ({ role, purpose })));
    // Only AUDITOR × AUDIT may page through all persons: every other pair is left out.
    expect(report.refused).toBe(pairs.filter((p) => p.purpose !== 'AUDIT').length);
    expect(report.documents).toBe(1);
    expect(ran.length).toBeGreaterThan(0);
    expect(new Set(ran.map((r) => r.purpose))).toEqual(new Set(['AUDIT']));
    // Named and unnamed, as a client may send it.
    expect(new Set(ran.map((r) => r.operationName))).toEqual(new Set(['UnifiedViewPage', undefined]));
    expect(report.operations).toBe(ran.length);
  });

  it('plans each document for callers its entry points admit, and for no other', async () => {
    const purposes = new Map<string, Set<Purpose>>();
    const apollo = {
      executeOperation: async (request: { query: string; operationName?: string }, { contextValue }: { contextValue: GatewayContext }) => {
        const name = request.operationName ?? '';
        if (!purposes.has(name)) purposes.set(name, new Set());
        purposes.get(name)!.add(contextValue.caller.purpose!);
        return { body: { kind: 'single', singleResult: {} } };
      },
    } as unknown as ApolloServer<GatewayContext>;
    const report = await warmQueryPlans({ apollo, engine, schema, documents });
    expect(report.documents).toBe(documents.length);
    const refused = documents.reduce(
      (sum, text) => sum + ROLES.reduce((n, role) => n + purposesFor(role).filter((purpose) => !purposesAdmitting(text).has(purpose)).length, 0),
      0,
    );
    expect(report.refused).toBe(refused);
    // Callers whose rewritten operation is the same share one plan, so a document shows the first
    // admitted caller of each distinct operation: never one its entry points refuse.
    for (const text of documents) {
      const name = /query (\w+)\(/.exec(text)![1]!;
      const warmed = purposes.get(name);
      expect(warmed?.size, name).toBeGreaterThan(0);
      for (const purpose of warmed!) expect(purposesAdmitting(text).has(purpose), `${name} ${purpose}`).toBe(true);
    }
    expect(purposes.get('UnifiedViewPage')).toEqual(new Set(['AUDIT']));
  });
});
