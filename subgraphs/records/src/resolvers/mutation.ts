import { authorizeWrite, conflict } from '@credit/kit';
import type { MutationResolvers } from '../generated/resolvers.js';
import { creditReportMutations } from './credit-report.js';
import { insertRecords, newRecord } from '../store.js';
import { validateRecord, violationError } from '../validation.js';

export const Mutation: MutationResolvers = {
  ...creditReportMutations,

  submitCreditRecord: async (_, args, ctx) => {
    // An officer of the determining authority, for its own decisions (schema/src/permits.ts).
    authorizeWrite(ctx.caller, 'submitCreditRecord', args);
    // The authority comes from the token; a given one passed the permit only if it is the token's.
    const input = args.input.determiningAuthority == null ? { ...args.input, determiningAuthority: ctx.caller.principal.department } : args.input;
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
