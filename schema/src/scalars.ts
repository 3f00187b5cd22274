/**
 * The parse rules of the graph's custom scalars, declared once: every subgraph serves its scalars
 * with these, and the gateway, whose supergraph knows the scalars only by name, coerces variables
 * and literals with the same rules before anything is planned (gateway/src/checked-schema.ts).
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const invalidDate = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' } });

function parseDate(value: unknown): string {
  if (typeof value === 'string' && isIsoDate(value)) return value;
  throw invalidDate('Date must be a calendar date YYYY-MM-DD');
}

/** A calendar date, YYYY-MM-DD (business dates are Asia/Shanghai). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

// Years 1000-9999 only: an instant outside them has no 4-digit ISO form (JavaScript writes
// "+010000-…" or "-000001-…"), which the databases would not read back as the same instant.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && DATE_TIME.test(value) && isIsoDate(value.slice(0, 10))) {
    const instant = new Date(value);
    const year = instant.getUTCFullYear();
    if (!Number.isNaN(instant.getTime()) && year >= 1000 && year <= 9999) return instant;
  }
  throw invalidDate('DateTime must be an ISO 8601 timestamp with offset');
}

/** An instant, ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Every custom scalar of the graph by name; a subgraph's resolvers take the ones its SDL declares. */
export const SCALARS: Readonly<Record<string, GraphQLScalarType>> = { Date: DateScalar, DateTime: DateTimeScalar };
