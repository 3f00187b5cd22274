import { enqueue, insertMany, syntheticDataset, type DatasetOptions, type Db } from '@credit/kit';
import { eventTables, objections, repairApplications } from './db/schema.js';
import { objectionFiled, subscriptions } from './events.js';

const CHUNK = 2000;

/** The pledge seeded applicants accepted (synthetic data carries no pledge text of its own). */
export const SEED_CREDIT_PLEDGE = '本人承诺已纠正失信行为，所提交材料真实有效；今后严格遵守法律法规，诚实守信，如有违反，自愿接受相应惩戒。';

/** Synthetic filings were made during office hours of their filing date. */
const filedAt = (filedOn: string) => new Date(`${filedOn}T09:00:00+08:00`);

/**
 * Writes disputes' share of a synthetic data set: its objections and repair applications, all
 * SUBMITTED, and the `objection.filed` event of each objection so records flags its record. The
 * record facts are not written here: they arrive from records as events, as in production.
 */
export async function seed(db: Db, options: DatasetOptions): Promise<void> {
  let objectionRows: (typeof objections.$inferInsert)[] = [];
  let repairRows: (typeof repairApplications.$inferInsert)[] = [];
  const flush = async () => {
    const [o, r] = [objectionRows, repairRows];
    objectionRows = [];
    repairRows = [];
    await db.transaction(async (tx) => {
      await insertMany(tx, objections, o);
      await enqueue(tx, eventTables, subscriptions, o.map((row) => objectionFiled(row)));
      await insertMany(tx, repairApplications, r);
    });
  };
  for (const slice of syntheticDataset(options)) {
    for (const o of slice.objections) {
      objectionRows.push({ ...o, filedBy: 'SUBJECT', evidence: [], status: 'SUBMITTED', filedAt: filedAt(o.filedOn) });
    }
    for (const r of slice.repairs) {
      repairRows.push({ ...r, evidence: [r.evidence], creditPledge: SEED_CREDIT_PLEDGE, status: 'SUBMITTED', filedAt: filedAt(r.filedOn) });
    }
    if (objectionRows.length >= CHUNK || repairRows.length >= CHUNK) await flush();
  }
  await flush();
}
