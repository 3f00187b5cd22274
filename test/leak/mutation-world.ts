/**
 * What the mutation test knows about the rows a write can name, from the data it put into the
 * system itself (the synthetic data set, its own set-up writes, the writes it saw applied), never
 * from the system's permit checks: whose each record, objection, repair application, grant and red
 * list nomination is, and which determining authority decided the record (department nominated). The oracle decides the row rule on these
 * facts. `live` is only a hint for drawing ids (a row a write can still act on, so a write that
 * should have been refused would really change something); it is never used to judge.
 */
import type { SyntheticSlice } from '@credit/kit';

export interface RecordRow {
  id: string;
  subjectId: string;
  authority: string;
  kind: 'POSITIVE' | 'NEGATIVE';
  /** An ACTIVE NEGATIVE record without an open objection or repair application, as far as the test knows. */
  live: boolean;
}

export interface ObjectionRow {
  id: string;
  recordId: string;
  subjectId: string;
  authority: string | null;
  /** SUBMITTED or FORWARDED, as far as the test knows. */
  live: boolean;
  /** Filed by this test today: still forwardable. */
  filedToday: boolean;
}

export interface RepairRow {
  id: string;
  recordId: string;
  subjectId: string;
  authority: string | null;
  live: boolean;
}

export interface GrantRow {
  id: string;
  subjectId: string;
  /** Not revoked, as far as the test knows (every grant it makes expires after the test). */
  live: boolean;
  /** The agency's token `sub` and the departments the grant opens: what a GRANTOR permit holds to. */
  grantee?: string;
  scope?: readonly string[];
}

/** A red list nomination; its authority is the nominating department. */
export interface NominationRow {
  id: string;
  subjectId: string;
  authority: string;
  /** Not revoked, as far as the test knows (every nomination it makes ends after the test). */
  live: boolean;
}

export type RowKind = 'records' | 'objections' | 'repairs' | 'grants' | 'nominations';
export type AnyRow = RecordRow | ObjectionRow | RepairRow | GrantRow | NominationRow;

export class WriteWorld {
  readonly persons: string[] = [];
  readonly citizenIds = new Map<string, string>();
  readonly records = new Map<string, RecordRow>();
  readonly objections = new Map<string, ObjectionRow>();
  readonly repairs = new Map<string, RepairRow>();
  readonly grants = new Map<string, GrantRow>();
  readonly nominations = new Map<string, NominationRow>();

  static fromDataset(slices: readonly SyntheticSlice[]): WriteWorld {
    const world = new WriteWorld();
    for (const { person, records, objections, repairs } of slices) {
      world.addPerson(person.id, person.citizenIdNumber);
      // Synthetic records span 2018-2026: most have left publication, so none counts as live.
      for (const r of records) world.records.set(r.id, { id: r.id, subjectId: r.subjectId, authority: r.determiningAuthority, kind: r.kind, live: false });
      for (const o of objections) {
        world.objections.set(o.id, { id: o.id, recordId: o.recordId, subjectId: o.subjectId, authority: world.authorityOf(o.recordId), live: true, filedToday: false });
      }
      for (const r of repairs) {
        world.repairs.set(r.id, { id: r.id, recordId: r.recordId, subjectId: r.subjectId, authority: world.authorityOf(r.recordId), live: true });
      }
    }
    return world;
  }

  addPerson(id: string, citizenIdNumber?: string): void {
    if (!this.citizenIds.has(id)) this.persons.push(id);
    this.citizenIds.set(id, citizenIdNumber ?? '');
  }

  authorityOf(recordId: string): string | null {
    return this.records.get(recordId)?.authority ?? null;
  }

  /** Every determining authority the test knows, most records first. */
  authorities(): string[] {
    const counts = new Map<string, number>();
    for (const r of this.records.values()) counts.set(r.authority, (counts.get(r.authority) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  }

  rows(kind: RowKind): AnyRow[] {
    return [...this[kind].values()];
  }

  find(kind: RowKind, id: string): AnyRow | undefined {
    return this[kind].get(id);
  }
}
