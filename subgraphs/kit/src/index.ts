/**
 * The departments' shared code, in three parts that depend one way (kit/src/layers.test.ts):
 * `contracts/` is what departments agree on (events, vocabularies, identifiers, dates, error
 * codes) and imports nothing else of the kit; `seeding/` writes synthetic data from the contracts
 * only; `infra/` runs a department (database, HTTP, signing, outbox, telemetry). Test helpers are
 * `@credit/kit/testing`, never part of this barrel.
 */
export * from './contracts/citizen-id.js';
export * from './contracts/dates.js';
export * from './contracts/errors.js';
export * from './contracts/events.js';
export * from './contracts/scalars.js';
export * from './contracts/vocabulary.js';

export * from './seeding/synthetic.js';

export * from './infra/access.js';
export * from './infra/applied-notice.js';
export * from './infra/batch.js';
export * from './infra/bulk-insert.js';
export * from './infra/clock.js';
export * from './infra/db.js';
export * from './infra/http.js';
export * from './infra/ids.js';
export * from './infra/logger.js';
export * from './infra/metrics.js';
export * from './infra/nats-events.js';
export * from './infra/observed-request.js';
export * from './infra/outbox-tables.js';
export * from './infra/outbox.js';
export * from './infra/pagination.js';
export * from './infra/record-facts.js';
export * from './infra/redis.js';
export * from './infra/request-info.js';
export * from './infra/request-scope.js';
export * from './infra/signing-key.js';
export * from './infra/signing.js';
export * from './infra/subgraph.js';
export * from './infra/tracing.js';
