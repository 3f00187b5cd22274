import { badInput, decodeCursor, isIsoDate, isUuid, pageSize, type RecordKind } from '@credit/kit';
import { requireArchiveReader } from '../archive.js';
import type { Context } from '../context.js';
import type { RecordStatus } from '../record-status.js';

interface CreditRecordsArgs {
  kind?: RecordKind | null;
  status?: RecordStatus | null;
  first?: number | null;
  after?: string | null;
}

/** The sort key (decidedOn, id) in a cursor; a forged one must not reach SQL as a bad date or uuid. */
function afterKey(after: string | null | undefined): [string, string] | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [decidedOn, id] = key.map(String) as [string, string];
  if (!isIsoDate(decidedOn) || !isUuid(id)) throw badInput('after is not a cursor from this list', { argument: 'after' });
  return [decidedOn, id];
}

export const Person = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  creditRecords: (person: { id: string }, args: CreditRecordsArgs, ctx: Context) => {
    const status = args.status ?? 'ACTIVE';
    requireArchiveReader(ctx, status);
    return ctx.loaders.recordsOfPerson.load({
      personId: person.id,
      kind: args.kind ?? null,
      status,
      size: pageSize(args.first),
      after: afterKey(args.after),
    });
  },
};
