import { randomUUID } from 'node:crypto';
import { authorizeWrite, badInput, checkCitizenId, conflict, enqueue } from '@credit/kit';
import { eventTables, persons, realNameRegistrations } from '../db/schema.js';
import { personChanged, subscriptions } from '../events.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { grantMutations } from './grant-mutations.js';

const MAX_NAME_LENGTH = 50;

export const Mutation: MutationResolvers = {
  ...grantMutations,

  registerPerson: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'registerPerson', args);
    const { input } = args;
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
      throw badInput(`name must be 1 to ${MAX_NAME_LENGTH} characters`, { field: 'name' });
    }
    const check = checkCitizenId(input.citizenIdNumber, ctx.clock.today());
    if (!check.valid) throw badInput(check.message, { field: 'citizenIdNumber', reason: check.reason });
    const person = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(persons)
        .values({
          id: randomUUID(),
          name,
          citizenIdNumber: check.normalized,
          gender: check.gender,
          birthDate: check.birthDate,
          regionCode: check.regionCode,
          occupations: [...new Set(input.occupations ?? [])],
        })
        .onConflictDoNothing({ target: persons.citizenIdNumber })
        .returning();
      if (!row) throw conflict('A person with this citizen ID number is already registered', { field: 'citizenIdNumber' });
      const registrations = input.realNameRegistrations ?? [];
      if (registrations.length) {
        await tx.insert(realNameRegistrations).values(registrations.map((r) => ({ personId: row.id, ...r })));
      }
      // Records names the subject of a credit report from its copy (events.ts).
      await enqueue(tx, eventTables, subscriptions, [personChanged(row)]);
      return row;
    });
    ctx.relay?.kick();
    return person;
  },
};
