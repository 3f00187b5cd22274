/** A disputes subgraph on a fresh database for one test file, fed record facts as records would. */
import { applyEvents, ManualClock, type RecordFacts, type SubgraphOptions } from '@credit/kit';
import { freshDatabaseLocation, recordFactsFixture } from '@credit/kit/testing';
import { sql } from 'drizzle-orm';
import { eventTables, outbox } from './db/schema.js';
import { handlers } from './events.js';
import { startDisputes } from './server.js';

export async function startTestDisputes(clock: ManualClock, options: SubgraphOptions = {}) {
  const location = await freshDatabaseLocation();
  const disputes = await startDisputes({ location: location.location, seedDemo: false, relay: false, clock, destinations: () => ({}), ...options });
  const db = disputes.database.db;
  let eventId = 0;

  /** Delivers `record.changed` events exactly as the relay does over HTTP. */
  const publish = (...records: RecordFacts[]) =>
    applyEvents(db, eventTables, handlers, { source: 'records', events: records.map((payload) => ({ id: ++eventId, type: 'record.changed', payload })) });

  return {
    disputes,
    db,
    publish,
    published: async (overrides: Partial<RecordFacts> = {}) => {
      const record = recordFactsFixture(overrides);
      await publish(record);
      return record;
    },
    /** The outbox rows about one objection or repair application, oldest first. */
    eventsAbout: (key: 'objectionId' | 'repairId', id: string) =>
      db.select().from(outbox).where(sql`${outbox.payload}->>${key} = ${id}`).orderBy(outbox.id),
    close: async () => {
      await disputes.close();
      await location.drop();
    },
  };
}
