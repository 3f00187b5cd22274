import { decodeDateIdCursor, pageSize, type RecordKind } from '@credit/kit';
import { requireArchiveReader } from '../archive.js';
import type { Context } from '../context.js';
import type { RecordStatus } from '../record-status.js';

interface CreditRecordsArgs {
  kind?: RecordKind | null;
  status?: RecordStatus | null;
  first?: number | null;
  after?: string | null;
}

export const Person = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  creditRecords: (person: { id: string }, args: CreditRecordsArgs, ctx: Context) => {
    const status = args.status ?? 'ACTIVE';
    requireArchiveReader(ctx, status, person.id);
    return ctx.loaders.recordsOfPerson.load({
      personId: person.id,
      kind: args.kind ?? null,
      status,
      size: pageSize(args.first),
      after: decodeDateIdCursor(args.after),
    });
  },
};
