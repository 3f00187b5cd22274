import { decodeDateIdCursor, pageSize } from '@credit/kit';
import { requireArchiveReader } from '../archive.js';
import type { PersonResolvers } from '../generated/resolvers.js';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  creditRecords: (person, args, ctx) => {
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
