/**
 * The workloads: fixed GraphQL documents in gateway/documents/*.graphql (the gateway's trusted documents), the caller each one needs
 * at our privacy gateway, and a pool of variables drawn from the seeded data (requests rotate
 * through it, so no single row stays hot).
 */
import { readFileSync } from 'node:fs';
import { encodeCursor } from '@credit/kit/infra/pagination';
import type { Purpose, Role } from '@credit/schema';
import { parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import postgres from 'postgres';

export const WORKLOAD_NAMES = ['unified-view', 'person-lookup', 'statistics', 'disclosure'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface Caller {
  role: Role;
  /** Sent as x-purpose; null: none (the PUBLIC default). */
  purpose: Purpose | null;
}

export interface Workload {
  name: WorkloadName;
  document: string;
  operationName: string;
  caller: Caller;
  /** Request bodies (JSON) the load generator rotates through. */
  bodies: string[];
}

/**
 * Each document's caller, as its header comment names it: a purpose reaches only its entry points
 * (schema/src/entry-points.ts), so the page of all persons is an auditor's listing, and one person
 * by id a reviewer's lookup.
 */
export const CALLERS: Record<WorkloadName, Caller> = {
  'unified-view': { role: 'AUDITOR', purpose: 'AUDIT' },
  'person-lookup': { role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW' },
  statistics: { role: 'ANALYST', purpose: 'STATISTICS' },
  disclosure: { role: 'PUBLIC', purpose: null },
};

/** The years the statistics workload counts (records decided in each that are still ACTIVE). */
export const STATISTICS_YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

export function workloadDocument(name: WorkloadName): string {
  return readFileSync(new URL(`../../gateway/documents/${name}.graphql`, import.meta.url), 'utf8');
}

/** Rows sampled from the seeded database for the variable pools. */
export interface Samples {
  personIds: string[];
  /** Cursors of pages of 20 persons in id order (null: the first page). */
  personCursors: (string | null)[];
}

export async function sampleData(url: string, size = 256): Promise<Samples> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // md5 order: a deterministic spread over the whole table, not its first rows.
    const ids = await sql<{ id: string }[]>`select id from identity.persons order by md5(id::text) limit ${size}`;
    const pageEnds = await sql<{ id: string }[]>`
      select id from (select id, row_number() over (order by id) as rn from identity.persons) t
      where rn % 20 = 0 order by md5(id::text) limit ${size}`;
    return { personIds: ids.map((r) => r.id), personCursors: [null, ...pageEnds.map((r) => encodeCursor([r.id]))] };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function variablesFor(name: WorkloadName, samples: Samples): Record<string, unknown>[] {
  switch (name) {
    case 'unified-view':
      return samples.personCursors.map((after) => ({ after }));
    case 'person-lookup':
      return samples.personIds.map((id) => ({ id }));
    case 'statistics':
      return STATISTICS_YEARS.flatMap((year) =>
        [null, 'POSITIVE', 'NEGATIVE'].map((kind) => ({ from: `${year}-01-01`, to: `${year}-12-31`, kind })),
      );
    case 'disclosure':
      return [{ after: null }];
  }
}

/**
 * The disclosure workload rotates over the first `pages` pages of the list; their cursors are
 * the records subgraph's own, so they are walked once through a running target.
 */
export async function walkDisclosurePages(workload: Workload, url: string, pages = 20): Promise<void> {
  const bodies: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < pages; page++) {
    const body = JSON.stringify({ query: workload.document, operationName: workload.operationName, variables: { after } });
    bodies.push(body);
    const response = await fetch(new URL('/graphql', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = (await response.json()) as { data?: { publicDisclosures?: { pageInfo?: { hasNextPage: boolean; endCursor: string | null } } } };
    const info = answer.data?.publicDisclosures?.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) break;
    after = info.endCursor;
  }
  workload.bodies = bodies;
}

export interface WorkloadSet {
  workloads: Workload[];
  /** Workloads left out, with the reason (e.g. a field the composed supergraph lacks). */
  skipped: { name: WorkloadName; reason: string }[];
}

/** The workloads asked for that validate against the composed API schema. */
export function buildWorkloads(names: readonly WorkloadName[], apiSchema: GraphQLSchema, samples: Samples): WorkloadSet {
  const workloads: Workload[] = [];
  const skipped: WorkloadSet['skipped'] = [];
  for (const name of names) {
    const document = workloadDocument(name);
    const parsed = parse(document);
    const errors = validate(apiSchema, parsed);
    if (errors.length) {
      skipped.push({ name, reason: `does not validate against schema/supergraph.graphql: ${errors.map((e) => e.message).join('; ')}` });
      continue;
    }
    const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const operationName = operation?.name?.value ?? name;
    const bodies = variablesFor(name, samples).map((variables) => JSON.stringify({ query: document, operationName, variables }));
    if (bodies.length === 0) {
      skipped.push({ name, reason: 'the database holds no rows to build its variables from' });
      continue;
    }
    workloads.push({ name, document, operationName, caller: CALLERS[name], bodies });
  }
  return { workloads, skipped };
}
