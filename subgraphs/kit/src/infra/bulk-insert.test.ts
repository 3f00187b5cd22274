import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, pgSchema, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableSnapshot, freshDatabaseLocation } from '../testing.js';
import { insertMany } from './bulk-insert.js';
import { openDatabase, selectRows, type Database } from './db.js';

// Two schemas with the same table: one written by drizzle's multi-row values(), one by insertMany.
const columns = () => ({
  id: serial('id').primaryKey(),
  key: uuid('key').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['A', 'B'] }).notNull(),
  tags: text('tags').array().notNull(),
  payload: jsonb('payload'),
  count: integer('count'),
  big: bigint('big', { mode: 'number' }),
  flag: boolean('flag').notNull(),
  on: date('on', { mode: 'string' }),
  at: timestamp('at', { withTimezone: true }),
  local: timestamp('local'),
  note: text('note').notNull().default('none'),
});
const viaValues = pgSchema('bulk_values').table('items', columns());
const viaJson = pgSchema('bulk_json').table('items', columns());
const ddl = (schema: string) => `
  create schema ${schema};
  create table ${schema}.items (id serial primary key, key uuid not null unique, name text not null, kind text not null,
    tags text[] not null, payload jsonb, count integer, big bigint, flag boolean not null, "on" date,
    at timestamptz, local timestamp, note text not null default 'none')`;

type Row = typeof viaValues.$inferInsert;
const rows: Row[] = Array.from({ length: 1200 }, (_, i) => ({
  key: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  // Quotes, backslashes, commas and braces are where array and JSON text go wrong.
  name: i % 7 === 0 ? `王"五\\${i}, {x}` : `n${i}`,
  kind: i % 2 ? 'A' : 'B',
  tags: i % 5 === 0 ? [] : [`t${i}`, 'a,b', '{c}', 'd"e', 'NULL'],
  payload: i % 4 === 0 ? null : i % 4 === 1 ? { nested: { list: [i, 'x', null, true] }, s: '"' } : i % 4 === 2 ? 'just a string' : [1, 2],
  count: i % 3 ? i : null,
  big: i % 3 ? 2 ** 40 + i : null,
  flag: i % 2 === 0,
  on: i % 6 ? `2026-${String((i % 12) + 1).padStart(2, '0')}-15` : null,
  at: i % 8 ? new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)) : null,
  local: new Date(Date.UTC(2025, 5, 1, 12, 30, i % 60, 123)),
}));

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  database = await openDatabase({ name: 'bulk', location: fresh.location });
  for (const schema of ['bulk_values', 'bulk_json']) {
    for (const statement of ddl(schema).split(';')) await database.db.execute(sql.raw(statement));
  }
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe('insertMany', () => {
  it('stores the same rows, in the same order, as a multi-row values() insert, in one statement', async () => {
    for (let i = 0; i < rows.length; i += 500) await database.db.insert(viaValues).values(rows.slice(i, i + 500));
    const before = database.counter.statements;
    await insertMany(database.db, viaJson, rows);
    expect(database.counter.statements - before).toBe(1);
    const [a, b] = [await tableSnapshot(database.db, 'bulk_values'), await tableSnapshot(database.db, 'bulk_json')];
    expect(a.items!.rows).toBe(rows.length);
    expect(b).toEqual(a);
    // The serial ids follow the array's order, and the omitted column took its default.
    const [first] = await selectRows<{ id: number; name: string; note: string }>(database.db, sql`select id, name, note from bulk_json.items order by id limit 1`);
    expect(first).toEqual({ id: 1, name: rows[0]!.name, note: 'none' });
  });

  it('runs the suffix and answers its RETURNING rows', async () => {
    const clash = { ...rows[1]!, name: 'changed' };
    const fresh = { ...rows[1]!, key: 'ffffffff-0000-4000-8000-000000000000' };
    const returned = await insertMany(database.db, viaJson, [clash, fresh], sql`on conflict (key) do nothing returning key`);
    expect(returned).toEqual([{ key: fresh.key }]);
  });

  it('refuses rows that set different columns', async () => {
    await expect(insertMany(database.db, viaJson, [rows[2]!, { ...rows[3]!, note: 'set' }])).rejects.toThrow(/same columns/);
  });
});
