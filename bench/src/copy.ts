/**
 * COPY ... FROM STDIN into a drizzle table, with the column list taken from the table object: a
 * column the rows do not set is left out (its default or null applies), so a nullable or
 * defaulted column another department adds later does not break the bench seed.
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import type { Writable } from 'node:stream';

const FLUSH_BYTES = 512 * 1024;

/** COPY text format: backslash, tab, newline and carriage return are escaped; null is \N. */
function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return escapeCopy(arrayLiteral(value));
  if (typeof value === 'object') return escapeCopy(JSON.stringify(value));
  return escapeCopy(String(value));
}

export interface TableInfo {
  schema: string;
  name: string;
  /** TS key → column. */
  columns: [string, PgColumn][];
}

export function tableInfo(table: PgTable): TableInfo {
  const config = getTableConfig(table);
  // TS keys (what drizzle rows use) → columns, in table order.
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  return { schema: config.schema ?? 'public', name: config.name, columns };
}

/** One COPY stream into one table; rows are drizzle insert objects (TS keys). */
export class CopyWriter {
  rows = 0;
  private buffer = '';
  private columns: [string, PgColumn][] | undefined;
  private stream: Writable | undefined;
  private opening: Promise<Writable> | undefined;

  constructor(
    private readonly sql: Sql,
    readonly table: PgTable,
  ) {}

  get info(): TableInfo {
    return tableInfo(this.table);
  }

  /** Fixes the column list from the first row: every key it sets, in table order. */
  private columnsFor(row: Record<string, unknown>): [string, PgColumn][] {
    const info = this.info;
    const set = info.columns.filter(([key]) => row[key] !== undefined);
    const missing = info.columns.filter(([key, column]) => row[key] === undefined && column.notNull && !column.hasDefault);
    if (missing.length) {
      throw new Error(
        `${info.schema}.${info.name}: the bench seed sets no value for NOT NULL column(s) without default ` +
          `${missing.map(([, c]) => c.name).join(', ')}; add them in bench/src/seed.ts`,
      );
    }
    return set;
  }

  private async open(row: Record<string, unknown>): Promise<Writable> {
    this.columns = this.columnsFor(row);
    const { schema, name } = this.info;
    return this.sql`copy ${this.sql(schema)}.${this.sql(name)} (${this.sql(this.columns.map(([, c]) => c.name))}) from stdin`.writable();
  }

  async write(row: Record<string, unknown>): Promise<void> {
    if (!this.columns) this.stream = await (this.opening ??= this.open(row));
    let line = '';
    for (let i = 0; i < this.columns!.length; i++) {
      if (i) line += '\t';
      line += formatValue(row[this.columns![i]![0]]);
    }
    this.buffer += `${line}\n`;
    this.rows++;
    if (this.buffer.length >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.stream || this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream!.once('drain', resolve));
  }

  async end(): Promise<void> {
    if (!this.stream) return;
    await this.flush();
    const stream = this.stream;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.once('finish', resolve);
      stream.end();
    });
  }
}
