import { clockFromEnv, syntheticDataset, type Clock, type DatasetOptions, type Db } from '@credit/kit';
import { publicityBounds } from './publicity.js';
import { insertRecords, newRecord, type RecordRow } from './store.js';

/** Records per transaction: the demo's 3,004 in one; larger sets (`npm run seed`) in chunks, to bound memory. */
const CHUNK = 5000;

/**
 * Writes records' share of a synthetic data set with their `record.changed` events, a chunk per
 * transaction. Every record gets the default publicity end of its rules, so old ones are EXPIRED
 * by date; a record the data set objects to is flagged, as filing the objection would have done.
 * The records still published on the clock's date start their publication in the change feed.
 */
export async function seed(db: Db, options: DatasetOptions, clock: Clock = clockFromEnv()): Promise<void> {
  const today = clock.today();
  let rows: RecordRow[] = [];
  const flush = async () => {
    const chunk = rows;
    rows = [];
    if (chunk.length) await db.transaction((tx) => insertRecords(tx, chunk, today));
  };
  for (const { records, objections } of syntheticDataset(options)) {
    const objected = new Set(objections.map((o) => o.recordId));
    for (const { id, ...record } of records) {
      const bounds = publicityBounds(record);
      // The synthetic data set states no penalty types: each record takes its severity's period.
      const valid = { ...record, penaltyTypes: [], publicityEndsOn: bounds.defaultEndsOn, minimumPublicityEndsOn: bounds.minimumEndsOn, publicityRegime: bounds.regime };
      rows.push(newRecord(valid, new Date(`${record.decidedOn}T09:00:00+08:00`), { id, underObjection: objected.has(id) }));
    }
    if (rows.length >= CHUNK) await flush();
  }
  await flush();
}
