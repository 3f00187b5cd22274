/**
 * What the soak and the fault run send: the benchmark's unified-view workload (the trusted
 * document gateway/documents/unified-view.graphql as AUDITOR × AUDIT, rotating over pages of
 * persons), and for the soak a `submitCreditRecord` by an officer of the record's authority
 * (schema/src/permits.ts), each with a document number of its own.
 */
import { AUTHORITY, recordInput } from '@credit/records/testing';
import { apiSchema } from '../../bench/src/stack.js';
import { buildWorkloads, CALLERS, type Workload } from '../../bench/src/workloads.js';
import type { System } from './system.js';

export interface UnifiedView {
  workload: Workload;
  /** Headers of the workload's caller (token and purpose). */
  headers: Record<string, string>;
  /** Persons of the pages walked, subjects for the writes. */
  personIds: string[];
}

const PAGE_QUERY = `query ($after: String) { persons(first: 20, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;

/** The unified view's caller (AUDITOR × AUDIT) as principal `sub`. */
export async function auditorHeaders(system: System, sub: string): Promise<Record<string, string>> {
  const caller = CALLERS['unified-view'];
  return { authorization: `Bearer ${await system.token({ role: caller.role, sub, department: 'audit-office' })}`, 'x-purpose': caller.purpose! };
}

/** The workload over the first `pages` pages of persons, walked once through the gateway as `sub`. */
export async function unifiedView(system: System, sub: string, pages = 16): Promise<UnifiedView> {
  const headers = await auditorHeaders(system, sub);
  const cursors: (string | null)[] = [null];
  const personIds: string[] = [];
  for (let after: string | null = null; cursors.length <= pages; ) {
    const response = await fetch(new URL('/graphql', system.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: PAGE_QUERY, variables: { after } }),
    });
    const answer = (await response.json()) as { data?: { persons: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }; errors?: unknown };
    if (!answer.data) throw new Error(`walking the persons failed: HTTP ${response.status} ${JSON.stringify(answer.errors)}`);
    personIds.push(...answer.data.persons.edges.map((e) => e.node.id));
    const { hasNextPage, endCursor } = answer.data.persons.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
    cursors.push(after);
  }
  const { workloads, skipped } = buildWorkloads(['unified-view'], apiSchema(), { personIds, personCursors: cursors.slice(0, pages) });
  if (!workloads[0]) throw new Error(`the unified-view workload cannot run: ${skipped.map((s) => s.reason).join('; ')}`);
  return { workload: workloads[0], headers, personIds };
}

const SUBMIT = `mutation Soak($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`;

/** Who submits: an officer of the records' determining authority, for joint punishment. */
export async function writerHeaders(system: System, sub: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await system.token({ role: 'OFFICER', sub, department: AUTHORITY })}`, 'x-purpose': 'JOINT_PUNISHMENT' };
}

/** The n-th write of run `run`: a new record for one of the persons, its document number unique to (run, n). */
export function writeBody(run: string, n: number, personIds: readonly string[]): string {
  const input = recordInput({ subjectId: personIds[n % personIds.length], documentNumber: `压测〔${run}〕${n}号` });
  return JSON.stringify({ query: SUBMIT, operationName: 'Soak', variables: { input } });
}
