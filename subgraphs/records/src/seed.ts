import { syntheticDataset, type DatasetOptions, type Db } from '@credit/kit';
import { publicityBounds } from './publicity.js';
import { insertRecords, newRecord, type RecordRow } from './store.js';

const CHUNK = 2000;

/**
 * Writes records' share of a synthetic data set with their `record.changed` events, a chunk per
 * transaction. Every record gets the default publicity end of its rules, so old ones are EXPIRED
 * by date; a record the data set objects to is flagged, as filing the objection would have done.
 */
export async function seed(db: Db, options: DatasetOptions): Promise<void> {
  let rows: RecordRow[] = [];
  const flush = async () => {
    const chunk = rows;
    rows = [];
    if (chunk.length) await db.transaction((tx) => insertRecords(tx, chunk));
  };
  for (const { records, objections } of syntheticDataset(options)) {
    const objected = new Set(objections.map((o) => o.recordId));
    for (const { id, ...record } of records) {
      const bounds = publicityBounds(record);
      const valid = { ...record, publicityEndsOn: bounds.defaultEndsOn, minimumPublicityEndsOn: bounds.minimumEndsOn, publicityRegime: bounds.regime };
      rows.push(newRecord(valid, new Date(`${record.decidedOn}T09:00:00+08:00`), { id, underObjection: objected.has(id) }));
    }
    if (rows.length >= CHUNK) await flush();
  }
  await flush();
}
