import type { RepairApplicationResolvers } from '../generated/resolvers.js';

export const RepairApplication: RepairApplicationResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.repairById.load(ref.id),
  // The record and the subject belong to other subgraphs: the key is all we give, the gateway fetches the rest.
  record: (repair) => ({ id: repair.recordId }),
  subject: (repair) => ({ id: repair.subjectId }),
};
