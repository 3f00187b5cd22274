import { randomUUID } from 'node:crypto';
import { encodeCaller } from '@credit/schema';
import {
  generateSigningKey,
  headerLookup,
  SIGNATURE_HEADER,
  signRequest,
  SUBGRAPH_NAMES,
  type SigningKey,
} from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { recordInput, submitter } from './queries.js';

let system: System;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const SERVICE = JSON.stringify({ query: '{ _service { sdl } }' });
const ENTITIES = JSON.stringify({
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
  variables: { r: [{ __typename: 'Person', id: randomUUID() }] },
});
const EMPTY_BATCH = JSON.stringify({ source: 'records', events: [] });
const OFFICER = encodeCaller({ principal: { sub: 'officer-1', role: 'OFFICER' }, purpose: 'AUDIT', grantId: null });

interface Direct {
  body: string;
  path?: string;
  caller?: Record<string, string>;
  key?: SigningKey;
  nowMs?: number;
}

/** Headers for a direct subgraph call, signed like the gateway signs (or not, without a key). */
function headers({ body, path = '/graphql', caller = {}, key, nowMs }: Direct): Record<string, string> {
  const signature = key && signRequest(key, { method: 'POST', path, header: headerLookup(caller), body }, nowMs);
  return { 'content-type': 'application/json', ...caller, ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) };
}

async function post(base: string, path: string, body: string, sent: Record<string, string>) {
  const response = await fetch(new URL(path, base), { method: 'POST', headers: sent, body });
  return { status: response.status, body: (await response.json()) as any };
}

function refusedFor(reason: string) {
  return { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason } }] };
}

describe.each(SUBGRAPH_NAMES)('the %s subgraph, called directly', (name) => {
  const url = () => system.subgraphs[name].url;
  const call = (direct: Direct, sent = headers(direct)) => post(url(), direct.path ?? '/graphql', direct.body, sent);

  it('answers a request signed with the shared key', async () => {
    const { status, body } = await call({ body: SERVICE, key: system.signingKey, caller: OFFICER });
    expect(status).toBe(200);
    expect(body.data._service.sdl).toContain('type Person');
  });

  it('refuses an unsigned _service and _entities with 401 UNSIGNED', async () => {
    for (const body of [SERVICE, ENTITIES]) {
      expect(await call({ body })).toEqual({ status: 401, body: refusedFor('UNSIGNED') });
    }
  });

  it('refuses a signature made with another key', async () => {
    expect(await call({ body: ENTITIES, key: generateSigningKey() })).toEqual({ status: 401, body: refusedFor('BAD_SIGNATURE') });
  });

  it('refuses a body or caller header changed after signing', async () => {
    const signed = headers({ body: SERVICE, key: system.signingKey, caller: OFFICER });
    expect(await call({ body: ENTITIES }, signed)).toEqual({ status: 401, body: refusedFor('BAD_SIGNATURE') });
    const promoted = { ...signed, ...encodeCaller({ principal: { sub: 'officer-1', role: 'AUDITOR' }, purpose: 'AUDIT', grantId: null }) };
    expect(await call({ body: SERVICE }, promoted)).toEqual({ status: 401, body: refusedFor('BAD_SIGNATURE') });
  });

  it('refuses the same signed request the second time', async () => {
    const signed = headers({ body: ENTITIES, key: system.signingKey });
    expect((await call({ body: ENTITIES }, signed)).status).toBe(200);
    expect(await call({ body: ENTITIES }, signed)).toEqual({ status: 401, body: refusedFor('REPLAYED') });
  });

  it('refuses a signature 61 s old or 61 s ahead', async () => {
    for (const skew of [-61_000, 61_000]) {
      const direct = { body: SERVICE, key: system.signingKey, nowMs: Date.now() + skew };
      expect(await call(direct)).toEqual({ status: 401, body: refusedFor('STALE') });
    }
  });

  it('refuses unsigned event batches on /internal/events', async () => {
    const direct = { body: EMPTY_BATCH, path: '/internal/events' };
    expect(await call(direct)).toEqual({ status: 401, body: refusedFor('UNSIGNED') });
  });

  it('answers /health unsigned', async () => {
    const response = await fetch(new URL('/health', url()));
    expect(response.status).toBe(200);
  });
});

describe('signed traffic inside the system', () => {
  it('accepts a signed event batch on a subscriber’s /internal/events', async () => {
    const direct = { body: EMPTY_BATCH, path: '/internal/events', key: system.signingKey };
    expect(await post(system.subgraphs.incentives.url, direct.path, direct.body, headers(direct))).toEqual({ status: 200, body: { applied: 0 } });
  });

  it('still serves a query through the gateway, entity fetches included', async () => {
    const registered = await system.graphql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, {
      input: { name: '钱七', citizenIdNumber: '11010519491231002X' },
    });
    expect(registered.errors).toBeUndefined();
    const id = registered.data!.registerPerson.id;
    const view = await system.graphql(`query($id: ID!) { person(id: $id) { id integrityScore { value } } }`, { id });
    expect(view).toEqual({ data: { person: { id, integrityScore: { value: 1000 } } } });
  });

  it('still delivers outbox events through the signing relay', async () => {
    const person = await system.graphql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, {
      input: { name: '孙八', citizenIdNumber: '110105194912310046' },
    });
    const subjectId = person.data!.registerPerson.id;
    const submitted = await system.graphql(
      `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`,
      { input: recordInput(subjectId) },
      await submitter(system),
    );
    expect(submitted.errors).toBeUndefined();
    await system.drain();
    const view = await system.graphql(`query($id: ID!) { person(id: $id) { integrityScore { value } } }`, { id: subjectId });
    expect(view.data!.person.integrityScore.value).toBe(950);
  });
});
