/**
 * What identity tells other departments (DESIGN §6), through its outbox: records keeps a copy of
 * each person's name and citizen ID number, which a credit report (专项信用报告) is issued in, and
 * of each authorization grant, so that it decides an agency's report request on its own data as
 * well as on the gateway's word. Nobody else subscribes.
 */
import { EVENT, type GrantFacts, type OutboxEvent, type PersonFacts, type Subscriptions } from '@credit/kit';
import type { authorizationGrants, persons } from './db/schema.js';

export const subscriptions: Subscriptions = {
  [EVENT.personChanged]: ['records'],
  [EVENT.grantChanged]: ['records'],
};

export function personChanged(row: Pick<typeof persons.$inferSelect, 'id' | 'name' | 'citizenIdNumber'>): OutboxEvent {
  const payload: PersonFacts = { id: row.id, name: row.name, citizenIdNumber: row.citizenIdNumber, version: 1 };
  return { type: EVENT.personChanged, payload };
}

export function grantChanged(row: typeof authorizationGrants.$inferSelect): OutboxEvent {
  const payload: GrantFacts = {
    id: row.id,
    personId: row.personId,
    grantee: row.grantee,
    purpose: row.purpose,
    scope: [...row.scope],
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    version: row.revokedAt ? 2 : 1,
  };
  return { type: EVENT.grantChanged, payload };
}
