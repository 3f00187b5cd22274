import type { Context } from '../context.js';

// Records owns CreditRecord; the default reference resolver hands us the representation, which costs no statement.
export const CreditRecord = {
  objections: (record: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.objectionsByRecordId.load(record.id),
  repairs: (record: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.repairsByRecordId.load(record.id),
};
