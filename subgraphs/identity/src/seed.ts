import { syntheticDataset, type DatasetOptions, type Db } from '@credit/kit';
import { persons, realNameRegistrations } from './db/schema.js';

const CHUNK = 2000;

/** Writes identity's share of a synthetic data set: persons and their real-name registrations. */
export async function seed(db: Db, options: DatasetOptions): Promise<void> {
  let people: (typeof persons.$inferInsert)[] = [];
  let registrations: (typeof realNameRegistrations.$inferInsert)[] = [];
  const flush = async () => {
    if (people.length) await db.insert(persons).values(people);
    for (let i = 0; i < registrations.length; i += CHUNK) await db.insert(realNameRegistrations).values(registrations.slice(i, i + CHUNK));
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
