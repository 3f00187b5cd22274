/**
 * What records keeps of other departments' data for credit reports (db/schema.ts): each handler is
 * idempotent and ignores a stale version, as the record_facts projections of the others do.
 */
import { EVENT, type EventHandlers, type GrantFacts, type PersonFacts, type ScoreRulesFacts } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { grantFacts, personFacts, scoreRules } from './db/schema.js';

/** Within one batch the newest version per id: a multi-row upsert may not touch a row twice. */
function newestById<T extends { id: string; version: number }>(payloads: unknown[]): T[] {
  const newest = new Map<string, T>();
  for (const payload of payloads as T[]) {
    const seen = newest.get(payload.id);
    if (!seen || seen.version <= payload.version) newest.set(payload.id, payload);
  }
  return [...newest.values()];
}

export const projectionHandlers: EventHandlers = {
  [EVENT.personChanged]: async (tx, payloads) => {
    const rows = newestById<PersonFacts>(payloads).map((p) => ({ id: p.id, name: p.name, citizenIdNumber: p.citizenIdNumber, version: p.version }));
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(personFacts)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: personFacts.id,
          set: { name: sql`excluded.name`, citizenIdNumber: sql`excluded.citizen_id_number`, version: sql`excluded.version` },
          setWhere: sql`${personFacts.version} <= excluded.version`,
        });
    }
  },
  [EVENT.grantChanged]: async (tx, payloads) => {
    const rows = newestById<GrantFacts>(payloads).map((g) => ({
      id: g.id,
      personId: g.personId,
      grantee: g.grantee,
      purpose: g.purpose,
      scope: g.scope,
      expiresAt: new Date(g.expiresAt),
      revokedAt: g.revokedAt ? new Date(g.revokedAt) : null,
      version: g.version,
    }));
    if (rows.length === 0) return;
    await tx
      .insert(grantFacts)
      .values(rows)
      .onConflictDoUpdate({
        target: grantFacts.id,
        set: { revokedAt: sql`excluded.revoked_at`, expiresAt: sql`excluded.expires_at`, scope: sql`excluded.scope`, version: sql`excluded.version` },
        setWhere: sql`${grantFacts.version} <= excluded.version`,
      });
  },
  // Delivered in order: the last of a batch is the newest.
  [EVENT.scoreRules]: async (tx, payloads) => {
    const last = payloads.at(-1) as ScoreRulesFacts | undefined;
    if (!last) return;
    await tx
      .insert(scoreRules)
      .values({ id: 1, weights: last.weights, bands: last.bands })
      .onConflictDoUpdate({ target: scoreRules.id, set: { weights: sql`excluded.weights`, bands: sql`excluded.bands`, receivedAt: sql`now()` } });
  },
};
