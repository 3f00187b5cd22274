import type { Db } from '@credit/kit';
import { asc, gt } from 'drizzle-orm';
import { entryHash, GENESIS_HASH } from './chain.js';
import { auditLog } from './tables.js';

/**
 * HASH_MISMATCH: the entry's content or hash was edited. BROKEN_LINK: its prev_hash is not the
 * previous entry's hash (an entry before it was rewritten together with its hash). GAP: seq skips
 * (entries were deleted). TRUNCATED / ANCHOR_MISMATCH: the log no longer reaches, or no longer
 * contains, a head recorded earlier — the only way to notice that the newest entries were deleted.
 */
export type ChainBreak = 'HASH_MISMATCH' | 'BROKEN_LINK' | 'GAP' | 'TRUNCATED' | 'ANCHOR_MISMATCH';

/** An entry recorded outside the database (printed by `audit:verify`), that must still be in the chain. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export type VerifyResult =
  | { ok: true; entries: number; head: ChainAnchor | null }
  | { ok: false; brokenAt: number; reason: ChainBreak };

/** Walks the whole chain in seq order, a page at a time, and names the first entry that breaks it. */
export async function verifyAuditChain(db: Db, options: { anchor?: ChainAnchor; pageSize?: number } = {}): Promise<VerifyResult> {
  const { anchor, pageSize = 1000 } = options;
  let previous: ChainAnchor = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, previous.seq)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const row of rows) {
      if (row.seq !== previous.seq + 1) return { ok: false, brokenAt: row.seq, reason: 'GAP' };
      if (row.prevHash !== previous.hash) return { ok: false, brokenAt: row.seq, reason: 'BROKEN_LINK' };
      if (entryHash(row.prevHash, row) !== row.hash) return { ok: false, brokenAt: row.seq, reason: 'HASH_MISMATCH' };
      if (anchor?.seq === row.seq && anchor.hash !== row.hash) return { ok: false, brokenAt: row.seq, reason: 'ANCHOR_MISMATCH' };
      previous = { seq: row.seq, hash: row.hash };
      entries++;
    }
    if (rows.length < pageSize) break;
  }
  if (anchor && anchor.seq > previous.seq) return { ok: false, brokenAt: previous.seq + 1, reason: 'TRUNCATED' };
  return { ok: true, entries, head: entries ? previous : null };
}
