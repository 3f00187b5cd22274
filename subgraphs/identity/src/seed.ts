import { enqueue, insertMany, syntheticDataset, type DatasetOptions, type Db } from '@credit/kit';
import { eventTables, persons, realNameRegistrations } from './db/schema.js';
import { personChanged, subscriptions } from './events.js';

const CHUNK = 2000;

/**
 * Writes identity's share of a synthetic data set: persons and their real-name registrations, and
 * each person's `person.changed` event for records, in the same transaction.
 */
export async function seed(db: Db, options: DatasetOptions): Promise<void> {
  let people: (typeof persons.$inferInsert)[] = [];
  let registrations: (typeof realNameRegistrations.$inferInsert)[] = [];
  const flush = async () => {
    const chunk = people;
    const regs = registrations;
    await db.transaction(async (tx) => {
      await insertMany(tx, persons, chunk);
      await insertMany(tx, realNameRegistrations, regs);
      await enqueue(tx, eventTables, subscriptions, chunk.map(personChanged));
    });
    people = [];
    registrations = [];
  };
  for (const { person } of syntheticDataset(options)) {
    const { registrations: regs, ...row } = person;
    people.push(row);
    for (const r of regs) registrations.push({ personId: person.id, sector: r.sector, registeredAt: new Date(r.registeredAt) });
    if (people.length === CHUNK) await flush();
  }
  await flush();
}
