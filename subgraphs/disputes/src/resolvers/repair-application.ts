import type { Context } from '../context.js';
import type { RepairRow } from '../loaders.js';

export const RepairApplication = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.repairById.load(ref.id),
  // The record and the subject belong to other subgraphs: the key is all we give, the gateway fetches the rest.
  record: (repair: RepairRow) => ({ id: repair.recordId }),
  subject: (repair: RepairRow) => ({ id: repair.subjectId }),
};
