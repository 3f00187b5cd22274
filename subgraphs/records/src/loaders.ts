import { groupByKeys, isUuid, orderByKeys, toConnection, type Clock, type Connection, type Db, type RecordKind } from '@credit/kit';
import DataLoader from 'dataloader';
import { and, asc, desc, eq, getTableColumns, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';
import { hasStatus, type RecordStatus } from './record-status.js';
import type { RecordRow } from './store.js';

/** One page of one person's records: persons asking with the same arguments share a statement. */
export interface RecordPageKey {
  personId: string;
  kind: RecordKind | null;
  status: RecordStatus;
  size: number;
  /** Sort key (decidedOn, id) of the last record already seen. */
  after: readonly [string, string] | null;
}

const argumentsOf = (k: RecordPageKey) => JSON.stringify([k.kind, k.status, k.size, k.after]);

/** Newest decision first; the rank numbers each person's records in that order. */
async function recordPages(db: Db, personIds: string[], page: RecordPageKey, today: string): Promise<RecordRow[]> {
  const conditions: SQL[] = [inArray(creditRecords.subjectId, personIds), hasStatus(page.status, today)];
  if (page.kind) conditions.push(eq(creditRecords.kind, page.kind));
  if (page.after) {
    const [decidedOn, id] = page.after;
    conditions.push(or(lt(creditRecords.decidedOn, decidedOn), and(eq(creditRecords.decidedOn, decidedOn), lt(creditRecords.id, id)))!);
  }
  const ranked = db
    .select({
      ...getTableColumns(creditRecords),
      rank: sql<number>`row_number() over (partition by ${creditRecords.subjectId} order by ${creditRecords.decidedOn} desc, ${creditRecords.id} desc)`.as('rank'),
    })
    .from(creditRecords)
    .where(and(...conditions))
    .as('ranked');
  const { rank, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(rank, page.size + 1))
    .orderBy(asc(ranked.subjectId), desc(ranked.decidedOn), desc(ranked.id));
}

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db, clock: Clock) {
  const recordById = new DataLoader<string, RecordRow | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await db.select().from(creditRecords).where(inArray(creditRecords.id, valid)) : [];
    return orderByKeys(ids, rows, (r) => r.id);
  });

  const recordsOfPerson = new DataLoader<RecordPageKey, Connection<RecordRow>, string>(
    async (keys) => {
      const today = clock.today();
      const byArguments = new Map<string, RecordPageKey[]>();
      for (const key of keys) {
        const group = byArguments.get(argumentsOf(key));
        if (group) group.push(key);
        else byArguments.set(argumentsOf(key), [key]);
      }
      const pages = new Map<RecordPageKey, Connection<RecordRow>>();
      await Promise.all(
        [...byArguments.values()].map(async (group) => {
          const page = group[0]!;
          const personIds = [...new Set(group.map((k) => k.personId).filter(isUuid))];
          const rows = personIds.length ? await recordPages(db, personIds, page, today) : [];
          for (const row of rows) recordById.prime(row.id, row);
          const perPerson = groupByKeys(group.map((k) => k.personId), rows, (r) => r.subjectId);
          group.forEach((key, i) => pages.set(key, toConnection(perPerson[i]!, page.size, (r) => [r.decidedOn, r.id])));
        }),
      );
      return keys.map((key) => pages.get(key)!);
    },
    { cacheKeyFn: (k) => `${k.personId}:${argumentsOf(k)}` },
  );

  return { recordById, recordsOfPerson };
}
export type Loaders = ReturnType<typeof createLoaders>;
