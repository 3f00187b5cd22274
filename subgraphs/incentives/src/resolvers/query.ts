import { asc, eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { measures } from '../db/schema.js';
import type { MeasureKind } from '../vocabulary.js';

export const Query = {
  measures: (_: unknown, { kind }: { kind?: MeasureKind | null }, ctx: Context) =>
    ctx.db
      .select()
      .from(measures)
      .where(kind ? eq(measures.kind, kind) : undefined)
      .orderBy(asc(measures.kind), asc(measures.code)),
};
