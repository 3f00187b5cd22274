/**
 * Reading and changing the stored workflow state. A state change is one guarded statement,
 * `update ... where id = ? and status in (allowed from-states) returning`: of two concurrent
 * decisions, the second re-reads the row once the first commits, matches nothing, and loses.
 */
import { isUuid, notFound, type Executor } from '@credit/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { objections, repairApplications } from './db/schema.js';
import type { ObjectionRow, RepairRow } from './loaders.js';
import { allowedFrom, OBJECTION_TRANSITIONS, REPAIR_TRANSITIONS, transitionRefused } from './transitions.js';
import type { ObjectionStatus, RepairStatus } from './vocabulary.js';

/** The objection, or undefined when there is none with this id (a malformed id included). */
export async function readObjection(tx: Executor, id: string): Promise<ObjectionRow | undefined> {
  const [row] = isUuid(id) ? await tx.select().from(objections).where(eq(objections.id, id)) : [];
  return row;
}

export async function readRepair(tx: Executor, id: string): Promise<RepairRow | undefined> {
  const [row] = isUuid(id) ? await tx.select().from(repairApplications).where(eq(repairApplications.id, id)) : [];
  return row;
}

export const objectionNotFound = () => notFound('No objection with this id', { field: 'id' });
export const repairNotFound = () => notFound('No repair application with this id', { field: 'id' });

export async function findObjection(tx: Executor, id: string): Promise<ObjectionRow> {
  const row = await readObjection(tx, id);
  if (!row) throw objectionNotFound();
  return row;
}

export async function findRepair(tx: Executor, id: string): Promise<RepairRow> {
  const row = await readRepair(tx, id);
  if (!row) throw repairNotFound();
  return row;
}

type ObjectionChanges = Omit<Partial<typeof objections.$inferInsert>, 'id' | 'status'>;
type RepairChanges = Omit<Partial<typeof repairApplications.$inferInsert>, 'id' | 'status'>;

export async function moveObjection(tx: Executor, id: string, to: ObjectionStatus, changes: ObjectionChanges): Promise<ObjectionRow> {
  const [moved] = await tx
    .update(objections)
    .set({ ...changes, status: to })
    .where(and(eq(objections.id, id), inArray(objections.status, [...allowedFrom(OBJECTION_TRANSITIONS, to)])))
    .returning();
  if (moved) return moved;
  throw transitionRefused('objection', (await findObjection(tx, id)).status, to);
}

export async function moveRepair(tx: Executor, id: string, to: RepairStatus, changes: RepairChanges): Promise<RepairRow> {
  const [moved] = await tx
    .update(repairApplications)
    .set({ ...changes, status: to })
    .where(and(eq(repairApplications.id, id), inArray(repairApplications.status, [...allowedFrom(REPAIR_TRANSITIONS, to)])))
    .returning();
  if (moved) return moved;
  throw transitionRefused('repair application', (await findRepair(tx, id)).status, to);
}
