import type { CreditRecordResolvers } from '../generated/resolvers.js';

// Records owns CreditRecord; the default reference resolver hands us the representation, which costs no statement.
export const CreditRecord: CreditRecordResolvers = {
  objections: (record, _args, ctx) => ctx.loaders.objectionsByRecordId.load(record.id),
  repairs: (record, _args, ctx) => ctx.loaders.repairsByRecordId.load(record.id),
};
