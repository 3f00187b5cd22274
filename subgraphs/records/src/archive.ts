/**
 * DESIGN §4, Status: a record out of publication on today's date (EXPIRED, REPAIRED, REVOKED) is
 * archived, and only an archive reader (kit ARCHIVE_READERS: AUDITOR × AUDIT, and the subject
 * under SELF_ACCESS) sees it. The decision is taken on the row already loaded: no statement.
 */
import { mayReadArchive, userError } from '@credit/kit';
import type { Context } from './context.js';
import type { RecordStatus } from './record-status.js';
import { isPublished, type RecordRow } from './store.js';

/** The row if the caller may see it, else null (as if it did not exist). */
export function visible(row: RecordRow | null, ctx: Context): RecordRow | null {
  if (!row) return null;
  return isPublished(row, ctx.clock.today()) || mayReadArchive(ctx.caller, row.subjectId) ? row : null;
}

export async function loadVisible(ctx: Context, id: string | null): Promise<RecordRow | null> {
  return id ? visible(await ctx.loaders.recordById.load(id), ctx) : null;
}

/** Listing someone's archived records is refused outright, not answered with an empty list. */
export function requireArchiveReader(ctx: Context, status: RecordStatus, subjectId: string): void {
  if (status === 'ACTIVE' || mayReadArchive(ctx.caller, subjectId)) return;
  throw userError('FORBIDDEN_ARCHIVE', `Records with status ${status} are archived: only AUDITOR with purpose AUDIT, and the person themselves, read them`, {
    status,
  });
}
