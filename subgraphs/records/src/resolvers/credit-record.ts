import { effectiveStatus } from '@credit/kit';
import type { Context } from '../context.js';
import type { RecordRow } from '../store.js';

export const CreditRecord = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.recordById.load(ref.id),
  subject: (record: RecordRow) => ({ __typename: 'Person', id: record.subjectId }),
  status: (record: RecordRow, _args: unknown, ctx: Context) => effectiveStatus(record.status, record.publicityEndsOn, ctx.clock.today()),
};
