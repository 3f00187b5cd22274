import { createHash } from 'node:crypto';
import type { AuditRow } from './tables.js';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every depth: jsonb does not keep the key order it was given. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Everything an entry stores except the two hashes; `seq` is in it so rows cannot be renumbered. */
export type ChainedContent = Omit<AuditRow, 'prevHash' | 'hash'>;

export function entryHash(prevHash: string, content: ChainedContent): string {
  // Named one by one: a column added later must not change the hashes of entries written before it.
  const { seq, at, principalSub, role, department, purpose, grantId, operationName, operationHash, fields, personIds, outcome, mutation, review } =
    content;
  // `mutation` and `review` came later: their nulls are left out (canonicalJson drops undefined), so older entries hash as before.
  const stored = { seq, at, principalSub, role, department, purpose, grantId, operationName, operationHash, fields, personIds, outcome, mutation: mutation ?? undefined, review: review ?? undefined };
  return sha256(`${prevHash}\n${canonicalJson(stored)}`);
}

/** `operation_hash`: the SHA-256 of the query text exactly as the client sent it. */
export function hashOperation(query: string): string {
  return sha256(query);
}
