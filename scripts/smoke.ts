/**
 * `tsx scripts/smoke.ts [GATEWAY_URL]`: waits for a started system and asks the gateway for one
 * person's unified credit view; exits non-zero on any error or missing part. Used by CI.
 */
import { authConfigFromEnv } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';
import { PERSON_FIELDS } from '../test/queries.js';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const deadline = Date.now() + 240_000;
const started = Date.now();

// A credit-office reviewer may read the whole view; the same dev secret signs as `npm run token`.
const token = await signDevToken(authConfigFromEnv(), { role: 'CREDIT_OFFICE', sub: 'ci-smoke', department: 'credit-office', ttl: '10m' });
// Listing persons is an auditor's entry point (PURPOSE_ENTRIES): the reviewer looks one up by id.
const auditor = await signDevToken(authConfigFromEnv(), { role: 'AUDITOR', sub: 'ci-smoke-auditor', ttl: '10m' });

async function graphql(query: string, variables: Record<string, unknown> = {}, as = { token, purpose: 'OBJECTION_REVIEW' }) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as.token}`, 'x-purpose': as.purpose },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

for (;;) {
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {
    // not up yet
  }
  if (Date.now() > deadline) throw new Error(`${base}/health did not answer 200 in time`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.log(`gateway healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);

// A person with active records, found through the records subgraph's statistics-free path.
const page = await graphql(`{ persons(first: 50) { edges { node { id creditRecords(first: 1) { edges { node { id } } } } } } }`, {}, {
  token: auditor,
  purpose: 'AUDIT',
});
const person = page.persons.edges.map((e: any) => e.node).find((n: any) => n.creditRecords.edges.length > 0);
if (!person) throw new Error('no seeded person with an active credit record');
const view = await graphql(`query($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`, { id: person.id });
const p = view.person;
const missing = ['name', 'citizenIdNumber', 'creditRecords', 'objections', 'repairs', 'integrityScore', 'eligibility'].filter(
  (field) => p?.[field] == null,
);
if (missing.length) throw new Error(`unified view lacks ${missing.join(', ')}`);
// Without a token the same view is the public one: the personal fields are withheld.
const anonymous = (await (
  await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `query($id: ID!) { person(id: $id) { name citizenIdNumber } }`, variables: { id: person.id } }),
  })
).json()) as { data?: { person: unknown }; errors?: { extensions?: { code?: string } }[] };
if (anonymous.data?.person !== null || anonymous.errors?.[0]?.extensions?.code !== 'FORBIDDEN_FIELD') {
  throw new Error(`an anonymous caller was not refused personal data: ${JSON.stringify(anonymous)}`);
}
console.log(
  `unified view OK: ${p.creditRecords.edges.length} active records, score ${p.integrityScore.value} (${p.integrityScore.grade}), ` +
    `first answer ${((Date.now() - started) / 1000).toFixed(1)} s after the smoke check began`,
);
