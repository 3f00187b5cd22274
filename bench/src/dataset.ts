/**
 * The benchmark data set at scale: the synthetic persons, credit records, objections and repairs
 * of kit `syntheticSlice` (valid citizen ID numbers, deterministic for a seed), written with COPY
 * into each subgraph's own schema, plus the `record_facts` projections disputes and incentives
 * keep (what the outbox relay would have delivered). Secondary indexes and constraints are dropped
 * during the load and rebuilt after it, then every table is vacuumed and analysed.
 */
import { objections, recordFacts as disputesFacts, repairApplications } from '@credit/disputes/db/schema';
import { SEED_CREDIT_PLEDGE } from '@credit/disputes/seed';
import { persons, realNameRegistrations } from '@credit/identity/db/schema';
import { recordFacts as incentivesFacts } from '@credit/incentives/db/schema';
import { openDatabase, resetSchema, runMigrations, syntheticSlice, type DatasetOptions } from '@credit/kit';
import { loadDepartments } from '@credit/kit/infra/departments';
import { creditRecords } from '@credit/records/db/schema';
import { recordChanged } from '@credit/records/events';
import { publicityBounds } from '@credit/records/publicity';
import { newRecord } from '@credit/records/store';
import type { PgTable } from 'drizzle-orm/pg-core';
import postgres, { type Sql } from 'postgres';
import { CopyWriter, tableInfo } from './copy.js';

export const DEFAULT_SEED = 20261121;

export interface SeedOptions {
  persons: number;
  /** Credit records in all; the last persons get fewer so the total is exact when it can be. */
  records: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SeedReport {
  persons: number;
  registrations: number;
  records: number;
  objections: number;
  repairs: number;
  seconds: { migrate: number; copy: number; indexes: number; vacuum: number; total: number };
}

/** Synthetic filings were made during office hours of their filing date (as the disputes seed does). */
const officeHours = (day: string) => new Date(`${day}T09:00:00+08:00`);

interface Rebuild {
  table: string;
  /** Constraints (primary key, unique) and plain indexes, in the order they are rebuilt. */
  statements: string[];
}

const qualified = (t: PgTable) => {
  const { schema, name } = tableInfo(t);
  return `"${schema}"."${name}"`;
};

/**
 * Drops the loaded tables' indexes and constraints (and foreign keys pointing at them) and
 * returns the statements that put them back, taken from the catalog as the migrations made them.
 */
async function dropIndexes(sql: Sql, tables: PgTable[]): Promise<{ rebuilds: Rebuild[]; foreignKeys: string[] }> {
  const names = tables.map(qualified);
  const foreign = await sql<{ rel: string; conname: string; def: string }[]>`
    select conrelid::regclass::text as rel, conname, pg_get_constraintdef(oid) as def from pg_constraint
    where contype = 'f' and (conrelid::regclass::text = any(${names.map((n) => n.replaceAll('"', ''))}) or confrelid::regclass::text = any(${names.map((n) => n.replaceAll('"', ''))}))`;
  const foreignKeys: string[] = [];
  for (const fk of foreign) {
    await sql.unsafe(`alter table ${fk.rel} drop constraint "${fk.conname}"`);
    foreignKeys.push(`alter table ${fk.rel} add constraint "${fk.conname}" ${fk.def}`);
  }
  const rebuilds: Rebuild[] = [];
  for (const name of names) {
    const plain = name.replaceAll('"', '');
    const constraints = await sql<{ conname: string; def: string }[]>`
      select conname, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = ${plain}::regclass and contype in ('p', 'u') order by contype`;
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select i.relname as indexname, pg_get_indexdef(i.oid) as indexdef from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = ${plain}::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`;
    const statements: string[] = [];
    for (const c of constraints) {
      await sql.unsafe(`alter table ${name} drop constraint "${c.conname}"`);
      statements.push(`alter table ${name} add constraint "${c.conname}" ${c.def}`);
    }
    for (const i of indexes) {
      await sql.unsafe(`drop index "${name.split('.')[0]!.replaceAll('"', '')}"."${i.indexname}"`);
      statements.push(i.indexdef);
    }
    rebuilds.push({ table: name, statements });
  }
  return { rebuilds, foreignKeys };
}

/** Drops and re-migrates every subgraph's schema in `url`, then loads the data set. */
export async function seedDatabase(url: string, options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const since = (t: number) => (performance.now() - t) / 1000;

  const departments = await loadDepartments();
  for (const { spec } of departments) {
    const database = await openDatabase({ name: spec.name, location: url, poolSize: 1 });
    try {
      await resetSchema(database, spec.name);
      await runMigrations(database, spec.name, spec.migrationsFolder);
      await spec.ensureReferenceData?.(database.db);
    } finally {
      await database.close();
    }
  }
  const migrate = since(started);
  log(`migrated the ${departments.length} schemas in ${migrate.toFixed(1)} s`);

  const sql = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: 'credit-bench-seed' } });
  try {
    const tables = [persons, realNameRegistrations, creditRecords, disputesFacts, incentivesFacts, objections, repairApplications] as PgTable[];
    const { rebuilds, foreignKeys } = await dropIndexes(sql, tables);

    const copyStarted = performance.now();
    const w = {
      persons: new CopyWriter(sql, persons),
      registrations: new CopyWriter(sql, realNameRegistrations),
      records: new CopyWriter(sql, creditRecords),
      disputesFacts: new CopyWriter(sql, disputesFacts),
      incentivesFacts: new CopyWriter(sql, incentivesFacts),
      objections: new CopyWriter(sql, objections),
      repairs: new CopyWriter(sql, repairApplications),
    };
    // A mean a little above the target, then the records past it are left out: the total is exact.
    const dataset: DatasetOptions = {
      persons: options.persons,
      seed: options.seed,
      recordsPerPerson: options.persons ? (options.records / options.persons) * 1.01 : 0,
    };
    let recordsLeft = options.records;
    let lastLog = performance.now();
    for (let i = 0; i < options.persons; i++) {
      const { person, records, objections: objs, repairs } = syntheticSlice(dataset, i);
      const { registrations, ...personRow } = person;
      await w.persons.write(personRow);
      for (const r of registrations) await w.registrations.write({ personId: person.id, sector: r.sector, registeredAt: new Date(r.registeredAt) });
      const kept = records.slice(0, Math.max(0, recordsLeft));
      recordsLeft -= kept.length;
      const keptIds = new Set(kept.map((r) => r.id));
      const objected = new Set(objs.map((o) => o.recordId));
      for (const { id, ...record } of kept) {
        const bounds = publicityBounds(record);
        const valid = { ...record, penaltyTypes: [], publicityEndsOn: bounds.defaultEndsOn, minimumPublicityEndsOn: bounds.minimumEndsOn, publicityRegime: bounds.regime };
        const row = newRecord(valid, officeHours(record.decidedOn), { id, underObjection: objected.has(id) });
        await w.records.write(row);
        const facts = recordChanged(row).payload as Record<string, unknown>;
        await w.disputesFacts.write(facts);
        await w.incentivesFacts.write(facts);
      }
      for (const o of objs) {
        if (!keptIds.has(o.recordId)) continue;
        await w.objections.write({ ...o, filedBy: 'SUBJECT', evidence: [], status: 'SUBMITTED', filedAt: officeHours(o.filedOn) });
      }
      for (const r of repairs) {
        if (!keptIds.has(r.recordId)) continue;
        await w.repairs.write({ ...r, evidence: [r.evidence], creditPledge: SEED_CREDIT_PLEDGE, status: 'SUBMITTED', filedAt: officeHours(r.filedOn) });
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  ${i + 1} persons, ${w.records.rows} records written (${since(copyStarted).toFixed(0)} s)`);
      }
    }
    await Promise.all(Object.values(w).map((writer) => writer.end()));
    const copy = since(copyStarted);
    log(`copied ${w.persons.rows} persons, ${w.records.rows} records (+2 projections), ${w.objections.rows} objections, ${w.repairs.rows} repairs in ${copy.toFixed(1)} s`);

    const indexStarted = performance.now();
    // Largest tables first, two builders at a time (one per core on the reference machine).
    const queue = [...rebuilds];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        await sql.begin(async (tx) => {
          await tx.unsafe(`set local maintenance_work_mem = '256MB'`);
          for (const statement of job.statements) await tx.unsafe(statement);
        });
      }
    };
    queue.sort((a, b) => weight(b.table) - weight(a.table));
    await Promise.all([worker(), worker()]);
    for (const statement of foreignKeys) await sql.unsafe(statement);
    const indexes = since(indexStarted);
    log(`rebuilt indexes and constraints in ${indexes.toFixed(1)} s`);

    const vacuumStarted = performance.now();
    await Promise.all(tables.map((t) => sql.unsafe(`vacuum (analyze) ${qualified(t)}`)));
    const vacuum = since(vacuumStarted);
    log(`vacuumed and analysed in ${vacuum.toFixed(1)} s`);

    const report: SeedReport = {
      persons: w.persons.rows,
      registrations: w.registrations.rows,
      records: w.records.rows,
      objections: w.objections.rows,
      repairs: w.repairs.rows,
      seconds: { migrate, copy, indexes, vacuum, total: since(started) },
    };
    await sql`create table if not exists public.bench_dataset (id int primary key, persons int not null, records int not null, seed int not null, report jsonb not null, seeded_at timestamptz not null default now())`;
    await sql`insert into public.bench_dataset (id, persons, records, seed, report) values (1, ${report.persons}, ${report.records}, ${options.seed}, ${sql.json(report as never)})
      on conflict (id) do update set persons = excluded.persons, records = excluded.records, seed = excluded.seed, report = excluded.report, seeded_at = now()`;
    return report;

    function weight(table: string): number {
      const order = ['credit_records', 'record_facts', 'real_name_registrations', 'persons'];
      const i = order.findIndex((t) => table.includes(t));
      return i < 0 ? 0 : order.length - i;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface DatasetInfo {
  persons: number;
  records: number;
  seed: number;
  seededAt: string;
}

/** What `bench:seed` last wrote into this database, or null. */
export async function datasetInfo(url: string): Promise<DatasetInfo | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await sql<{ present: boolean }[]>`select to_regclass('public.bench_dataset') is not null as present`;
    if (!exists?.present) return null;
    const [row] = await sql<{ persons: number; records: number; seed: number; seeded_at: Date }[]>`select persons, records, seed, seeded_at from public.bench_dataset where id = 1`;
    return row ? { persons: row.persons, records: row.records, seed: row.seed, seededAt: row.seeded_at.toISOString() } : null;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
