/**
 * The read-mostly mix (issue 16 point 3, `--write-share 0.01`): every n-th request of a workload is
 * a write, a `submitCreditRecord` about a person the workload reads (for unified-view the first
 * person of a page it reads, for person-lookup a person it looks up), sent by an officer of the
 * record's determining authority. A cache has to drop what the write changed, or serve it stale.
 */
import { decodeCursor } from '@credit/kit/infra/pagination';
import { recordInput } from '@credit/records/testing';
import postgres from 'postgres';
import type { Load } from './measure.js';
import type { Workload } from './workloads.js';

export { AUTHORITY as WRITER_DEPARTMENT } from '@credit/records/testing';

/** Workloads the mix applies to: a person's data is read, so a write about that person shows in it. */
export const MIXED_WORKLOADS: ReadonlySet<string> = new Set(['unified-view', 'person-lookup']);

const SUBMIT = `mutation BenchWrite($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`;

/** Persons the workload's requests read, to write about. */
export async function writeSubjects(databaseUrl: string, workload: Workload): Promise<string[]> {
  const variables = workload.bodies.map((body) => (JSON.parse(body) as { variables: Record<string, unknown> }).variables);
  if (workload.name === 'person-lookup') return variables.map((v) => String(v.id));
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const subjects: string[] = [];
    for (const { after } of variables) {
      const from = typeof after === 'string' ? String(decodeCursor(after, 1)?.[0]) : '00000000-0000-0000-0000-000000000000';
      const [row] = await sql<{ id: string }[]>`select id from identity.persons where id > ${from}::uuid order by id limit 1`;
      if (row) subjects.push(row.id);
    }
    return subjects;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Reads in rotation, and every `1 / share`-th request a write with a document number unique to this run. */
export function readMostly(workload: Workload, subjects: readonly string[], writerHeaders: Record<string, string>, share: number, run: string): NonNullable<Load['pick']> {
  const every = Math.max(1, Math.round(1 / share));
  let n = 0;
  let reads = 0;
  let writes = 0;
  return () => {
    n++;
    if (n % every !== 0) return { body: workload.bodies[reads++ % workload.bodies.length]! };
    const input = recordInput({ subjectId: subjects[writes % subjects.length], documentNumber: `基准〔${run}〕${writes++}号` });
    return { body: JSON.stringify({ query: SUBMIT, operationName: 'BenchWrite', variables: { input } }), headers: writerHeaders };
  };
}
