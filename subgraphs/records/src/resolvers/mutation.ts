import { conflict } from '@credit/kit';
import type { Context } from '../context.js';
import { insertRecords, newRecord } from '../store.js';
import { validateRecord, violationError } from '../validation.js';

export const Mutation = {
  submitCreditRecord: async (_: unknown, { input }: { input: Record<string, unknown> }, ctx: Context) => {
    const today = ctx.clock.today();
    const result = validateRecord(input, today);
    if (!result.ok) throw violationError(result.violation);
    const row = await ctx.db.transaction(async (tx) => {
      const [inserted] = await insertRecords(tx, [newRecord(result.record, ctx.clock.now())], today);
      if (!inserted) {
        throw conflict('This authority already registered this document for this person', { field: 'documentNumber', reason: 'DUPLICATE' });
      }
      return inserted;
    });
    ctx.relay?.kick();
    ctx.loaders.recordById.prime(row.id, row);
    return row;
  },
};
