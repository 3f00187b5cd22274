import { outboxTables } from '@credit/kit';
import { date, index, pgSchema, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const identity = pgSchema('identity');

/** Identity tells records whom a credit report is about and which grants are live (events.ts). */
export const eventTables = outboxTables(identity);
// drizzle-kit only sees tables exported at top level.
export const { outbox, inbox } = eventTables;

export const persons = identity.table(
  'persons',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    citizenIdNumber: text('citizen_id_number').notNull().unique('persons_citizen_id_number_key'),
    gender: text('gender', { enum: ['MALE', 'FEMALE'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    regionCode: text('region_code').notNull(),
    occupations: text('occupations').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('persons_region_idx').on(t.regionCode, t.id)],
);
export type PersonRow = typeof persons.$inferSelect;

export const realNameRegistrations = identity.table(
  'real_name_registrations',
  {
    id: serial('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    sector: text('sector').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('real_name_registrations_person_idx').on(t.personId)],
);
export type RegistrationRow = typeof realNameRegistrations.$inferSelect;


/** 授权查询: a citizen lets one credit agency read some departments' data about them until expiry. */
export const authorizationGrants = identity.table(
  'authorization_grants',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The agency's token `sub`. */
    grantee: text('grantee').notNull(),
    purpose: text('purpose').notNull(),
    scope: text('scope').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('authorization_grants_person_idx').on(t.personId, t.createdAt)],
);
export type GrantRow = typeof authorizationGrants.$inferSelect;
