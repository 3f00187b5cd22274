import { systemClock, type Clock, type Db } from '@credit/kit';
import type { Principal, Purpose } from '@credit/schema';
import { desc, sql } from 'drizzle-orm';
import { entryHash, GENESIS_HASH } from './chain.js';
import { auditLog, type AuditOutcome, type FieldDecisions, type FieldsByLevel } from './tables.js';

/** What the gateway knows about one operation when it is about to release (or refuse) it. */
export interface AuditEntryInput {
  principal: Principal;
  purpose: Purpose | null;
  grantId: string | null;
  operationName: string | null;
  /** The mutation field of a write; absent for a read. */
  mutation?: string | null;
  /** Why an auditor should look at it (VOLUME_LIMIT). */
  review?: string | null;
  /** `hashOperation(query)` of the query text the client sent. */
  operationHash: string;
  fields: FieldsByLevel;
  /** The persons whose data left (subgraphs' `servedPersons`). */
  personIds: Iterable<string>;
  outcome: AuditOutcome;
}

export interface AppendedEntry {
  seq: number;
  hash: string;
}

/**
 * The entry was not committed. It carries only the error code (SQLSTATE or errno): drizzle's own error
 * quotes the statement's parameters, which are personal data that must not reach a log.
 */
export class AuditWriteError extends Error {
  override readonly name = 'AuditWriteError';
  constructor(readonly code: string | undefined) {
    super(`query log entry not written${code ? ` (${code})` : ''}`);
  }
}

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export interface AuditLog {
  /** Commits one chained entry; throws `AuditWriteError` when it cannot, and then the answer must be withheld. */
  append(entry: AuditEntryInput): Promise<AppendedEntry>;
}

/** Any constant unique to this table: appends take it so that two of them cannot chain onto the same head. */
const CHAIN_LOCK = 0x61756469; // 'audi'

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

function normalizeFields(fields: FieldsByLevel): FieldsByLevel {
  const normalized: FieldsByLevel = {};
  for (const [level, decisions] of Object.entries(fields) as [keyof FieldsByLevel, FieldDecisions | undefined][]) {
    if (!decisions) continue;
    const byDecision: FieldDecisions = {};
    for (const [decision, coordinates] of Object.entries(decisions) as [keyof FieldDecisions, string[] | undefined][]) {
      if (coordinates?.length) byDecision[decision] = sortedUnique(coordinates);
    }
    if (Object.keys(byDecision).length) normalized[level] = byDecision;
  }
  return normalized;
}

/** Entries written in one transaction at most; a larger backlog takes several. */
const MAX_GROUP = 200;

interface Waiting {
  entry: AuditEntryInput;
  resolve: (appended: AppendedEntry) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends are group-committed: entries that arrive while a commit is in flight wait for the next
 * one, which chains them all in one transaction. Each caller still learns only after its own
 * entry is committed, and a failed commit fails every entry in it.
 */
export function createAuditLog(db: Db, options: { clock?: Clock } = {}): AuditLog {
  const clock = options.clock ?? systemClock;
  let queue: Waiting[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (queue.length) {
      const group = queue.slice(0, MAX_GROUP);
      queue = queue.slice(MAX_GROUP);
      try {
        const appended = await appendChained(db, clock, group.map((w) => w.entry));
        group.forEach((w, i) => w.resolve(appended[i]!));
      } catch (error) {
        const failure = new AuditWriteError(sqlState(error));
        for (const w of group) w.reject(failure);
      }
    }
    flushing = false;
  };
  return {
    append: (entry) =>
      new Promise<AppendedEntry>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (!flushing) void flush();
      }),
  };
}

/**
 * One statement whose text never changes, whatever the number of rows: the rows go as one jsonb
 * parameter. Building a multi-row insert through the query builder was 2 % of the gateway's time.
 */
function insertRows(rows: (typeof auditLog.$inferInsert)[]) {
  const json = rows.map((r) => ({
    seq: r.seq,
    at: (r.at as Date).toISOString(),
    principal_sub: r.principalSub,
    role: r.role,
    department: r.department,
    purpose: r.purpose,
    grant_id: r.grantId,
    operation_name: r.operationName,
    mutation: r.mutation,
    review: r.review,
    operation_hash: r.operationHash,
    fields: r.fields,
    person_ids: r.personIds,
    outcome: r.outcome,
    prev_hash: r.prevHash,
    hash: r.hash,
  }));
  return sql`insert into ${auditLog} (seq, at, principal_sub, role, department, purpose, grant_id, operation_name, mutation, review, operation_hash, fields, person_ids, outcome, prev_hash, hash)
    select seq, at, principal_sub, role, department, purpose, grant_id, operation_name, mutation, review, operation_hash, fields, person_ids, outcome, prev_hash, hash
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(seq bigint, at timestamptz, principal_sub text, role text, department text, purpose text,
      grant_id text, operation_name text, mutation text, review text, operation_hash text, fields jsonb, person_ids text[], outcome text, prev_hash text, hash text)`;
}

function appendChained(db: Db, clock: Clock, entries: AuditEntryInput[]): Promise<AppendedEntry[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(CHAIN_LOCK))})`);
    const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = entries.map((entry) => {
      const content = {
        seq: ++seq,
        // A Date has millisecond precision and so has the column: the instant read back re-hashes identically.
        at: clock.now(),
        principalSub: entry.principal.sub,
        role: entry.principal.role,
        department: entry.principal.department ?? null,
        purpose: entry.purpose,
        grantId: entry.grantId,
        operationName: entry.operationName,
        mutation: entry.mutation ?? null,
        review: entry.review ?? null,
        operationHash: entry.operationHash,
        fields: normalizeFields(entry.fields),
        personIds: sortedUnique(entry.personIds),
        outcome: entry.outcome,
      };
      const hash = entryHash(prevHash, content);
      const row = { ...content, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await tx.execute(insertRows(rows));
    return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
  });
}
