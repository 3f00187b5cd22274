import type { Context } from '../context.js';

export const Query = {
  objection: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.objectionById.load(id),
  repairApplication: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.repairById.load(id),
};
