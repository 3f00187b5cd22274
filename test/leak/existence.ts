/**
 * No existence oracle (DESIGN §5, issue 10 point 7): a lookup that a row rule refuses answers the
 * same whether or not the row exists. This module finds the lookups in the committed supergraph
 * (root Query fields that take an identifier), builds operations on them (every field of the
 * returned entity, every object field below it, and argument values a subgraph may refuse, since
 * a nested resolver runs only for a row that exists), and compares two answers after normalising
 * nothing but the identifier values themselves.
 */
import { checkQueryLimits } from '@credit/gateway/limits/query-limits';
import { checkCitizenId, makeCitizenId } from '@credit/kit';
import { decisionFor, GRANT_SCOPE_GRAPHS, ROW_RULES, type Purpose, type Role } from '@credit/schema';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { LeakApi } from './api.js';
import type { GrantFacts } from './oracle.js';
import { isOwnedType, type OwnedType, type World } from './world.js';

/** What an identifier argument names: an entity by its id, or a person by citizen ID number. */
export type IdentifierKind = { kind: 'id'; type: OwnedType } | { kind: 'citizenIdNumber' };

export interface IdentifierArgument {
  name: string;
  /** As declared, e.g. `ID!`. */
  type: string;
  identifies: IdentifierKind;
}

export interface Lookup {
  /** The root field, e.g. `personByCitizenIdNumber`. */
  field: string;
  coordinate: string;
  returns: GraphQLCompositeType;
  identifiers: IdentifierArgument[];
  /** Required arguments that are not identifiers (e.g. `measureCheck.measure`): the test gives their values. */
  others: { name: string; type: string }[];
}

const ID_LIKE = /^(id|[a-z][A-Za-z]*Id|[a-z][A-Za-z]*IdNumber)$/;

/** Root Query fields with a required ID or String argument whose name says it is an identifier. */
export function lookupFields(schema: GraphQLSchema): Lookup[] {
  const query = schema.getQueryType();
  if (!query) throw new Error('the schema has no Query type');
  const lookups: Lookup[] = [];
  for (const field of Object.values(query.getFields())) {
    const identifiers = field.args.filter(isIdentifier);
    if (!identifiers.length) continue;
    const returns = getNamedType(field.type);
    if (!isCompositeType(returns)) throw new Error(`Query.${field.name} takes an identifier but returns a scalar`);
    lookups.push({
      field: field.name,
      coordinate: `Query.${field.name}`,
      returns,
      identifiers: identifiers.map((a) => ({ name: a.name, type: String(a.type), identifies: identifies(field, a) })),
      others: field.args.filter((a) => !isIdentifier(a) && isNonNullType(a.type) && a.defaultValue === undefined).map((a) => ({ name: a.name, type: String(a.type) })),
    });
  }
  return lookups;
}

function isIdentifier(argument: GraphQLArgument): boolean {
  if (!isNonNullType(argument.type)) return false;
  const named = getNullableType(argument.type);
  return isScalarType(named) && (named.name === 'ID' || named.name === 'String') && ID_LIKE.test(argument.name);
}

/** `id` names what the field returns, `personId` a Person, `citizenIdNumber` a person by number. */
function identifies(field: GraphQLField<unknown, unknown>, argument: GraphQLArgument): IdentifierKind {
  if (argument.name.endsWith('IdNumber')) {
    if (argument.name === 'citizenIdNumber') return { kind: 'citizenIdNumber' };
  } else {
    const typeName = argument.name === 'id' ? getNamedType(field.type).name : argument.name[0]!.toUpperCase() + argument.name.slice(1, -2);
    if (isOwnedType(typeName)) return { kind: 'id', type: typeName };
  }
  throw new Error(`Query.${field.name}(${argument.name}): the existence test does not know what this identifier names; teach test/leak/existence.ts`);
}

/** Leaf fields without required arguments; object fields to `depth` levels below. */
function selectionOf(schema: GraphQLSchema, type: GraphQLCompositeType, depth: number): string {
  const parts: string[] = ['__typename'];
  const fields = 'getFields' in type ? Object.values(type.getFields()) : [];
  for (const field of fields) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) parts.push(field.name);
    else if (depth > 1) parts.push(`${field.name} ${selectionOf(schema, named, depth - 1)}`);
  }
  if (isAbstractType(type)) {
    for (const possible of schema.getPossibleTypes(type)) parts.push(`... on ${possible.name} ${selectionOf(schema, possible, depth)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** Argument values a subgraph may refuse or treat specially: what a nested resolver does only for a row that exists. */
function probeValues(argument: GraphQLArgument): string[] {
  const type = getNullableType(argument.type);
  if (isEnumType(type)) return type.getValues().map((v) => v.name);
  if (argument.name === 'first') return ['0', '1', '100'];
  if (argument.name === 'after') return ['"not-a-cursor"', '"WyIyMDI2LTAxLTAxIiwieCJd"'];
  return [];
}

export interface LookupOperation {
  /** What it asks, for failure messages. */
  label: string;
  query: string;
  /** Gives a field below the lookup an argument value of its own (a nested resolver may refuse it). */
  probe: boolean;
}

/**
 * Operations on one lookup, its arguments as variables: every leaf of the returned type, then one
 * operation per object field below (its whole subtree, as deep as the limits allow), then one per
 * value of each argument of those fields. Operations the gateway's ad-hoc limits refuse are cut
 * shallower or left out.
 */
export function lookupOperations(schema: GraphQLSchema, lookup: Lookup): LookupOperation[] {
  const variables = [...lookup.identifiers, ...lookup.others];
  const header = `query Lookup(${variables.map((v) => `$${v.name}: ${v.type}`).join(', ')})`;
  const call = `${lookup.field}(${variables.map((v) => `${v.name}: $${v.name}`).join(', ')})`;
  const fits = (query: string) => checkQueryLimits(parse(query), schema, query, {}).length === 0;
  const build = (inner: string) => `${header} { ${call} ${inner} }`;
  const operations: LookupOperation[] = [{ label: `${lookup.field} (leaves)`, query: build(selectionOf(schema, lookup.returns, 1)), probe: false }];
  const type = lookup.returns;
  const fields = 'getFields' in type ? Object.values(type.getFields()) : [];
  const leaves = selectionOf(schema, type, 1).slice(1, -1);
  for (const field of fields) {
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) continue;
    const variants: { label: string; args: string; probe: boolean }[] = [{ label: field.name, args: '', probe: false }];
    for (const argument of field.args) {
      for (const value of probeValues(argument)) variants.push({ label: `${field.name}(${argument.name}: ${value})`, args: `(${argument.name}: ${value})`, probe: true });
    }
    for (const variant of variants) {
      for (let depth = 4; depth >= 1; depth--) {
        const query = build(`{ ${leaves} ${field.name}${variant.args} ${selectionOf(schema, named, depth)} }`);
        if (fits(query)) {
          operations.push({ label: `${lookup.field} { ${variant.label} } (depth ${depth})`, query, probe: variant.probe });
          break;
        }
      }
    }
  }
  for (const operation of operations) {
    if (!fits(operation.query)) throw new Error(`the gateway's limits refuse ${operation.label}:\n${operation.query}`);
  }
  return operations;
}

/** A caller with a row rule, as the test sends it. */
export interface RowRuleCaller {
  role: Role;
  purpose: Purpose;
  sub: string;
  personId?: string;
  /** The grant named in `x-authorization-grant`, if any. */
  grant?: GrantFacts & { id: string };
}

/**
 * Whether the caller's own row covers data about `owner` under the root field `coordinate`, read
 * from the policy, the supergraph and the test's own facts (never the gateway's).
 */
export function rowCovers(api: LeakApi, caller: RowRuleCaller, now: Date, owner: string, coordinate: string): boolean {
  const rule = ROW_RULES[caller.role];
  if (!rule) return true;
  if (rule.rowAppliesTo === 'SELF') return owner === caller.personId;
  const grant = caller.grant;
  if (!grant || grant.grantee !== caller.sub || grant.purpose !== caller.purpose || now >= grant.expiresAt || owner !== grant.personId) return false;
  const graphs = new Set<string>(grant.scope.flatMap((s) => GRANT_SCOPE_GRAPHS.get(s) ?? []));
  return [...(api.fieldGraphs.get(coordinate) ?? [])].some((g) => graphs.has(g));
}

/** Whether the field would be refused for a row the caller's rule does not cover (else existence is not secret). */
export function refusedOutsideRow(api: LeakApi, caller: RowRuleCaller, coordinate: string): boolean {
  const rule = ROW_RULES[caller.role];
  if (!rule) return false;
  const level = api.classifications.get(coordinate)?.level ?? 'SENSITIVE';
  return decisionFor(rule.othersAs.role, rule.othersAs.purpose, level) === 'DENY';
}

/** Existing identifier values of this kind whose rows the caller's row rule does not cover, at most one per owner. */
export function hiddenValues(
  world: World & { slices: readonly { person: { id: string; citizenIdNumber: string } }[] },
  ids: ReadonlyMap<OwnedType, readonly { id: string; owner: string }[]>,
  identifies: IdentifierKind,
  covered: (owner: string) => boolean,
  limit: number,
): string[] {
  const rows =
    identifies.kind === 'citizenIdNumber'
      ? world.slices.map((s) => ({ id: s.person.citizenIdNumber, owner: s.person.id }))
      : (ids.get(identifies.type) ?? []);
  const owners = new Set<string>();
  const values: string[] = [];
  for (const row of rows) {
    if (values.length >= limit) break;
    if (covered(row.owner) || owners.has(row.owner)) continue;
    owners.add(row.owner);
    values.push(row.id);
  }
  return values;
}

/** A well-formed identifier value that names no row: a fresh uuid, or a valid unregistered citizen ID number. */
export function missingValue(identifies: IdentifierKind, world: World, today: string, fresh: () => string): string {
  if (identifies.kind === 'id') return fresh();
  const known = new Set([...world.citizenIds.values()].map((n) => n.toUpperCase()));
  // A registered person's region and birth date with a sequence nobody has: as plausible as it gets.
  for (const number of known) {
    for (let sequence = 999; sequence > 0; sequence--) {
      const candidate = makeCitizenId(number.slice(0, 6), `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`, sequence);
      if (!known.has(candidate) && checkCitizenId(candidate, today).valid) return candidate;
    }
  }
  throw new Error('no unregistered citizen ID number found');
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * The two answers with the identifier values replaced by one placeholder; `undefined` when equal,
 * else both normalised texts.
 */
export function answerDifference(existing: Answer, existingValues: readonly string[], missing: Answer, missingValues: readonly string[]): { existing: string; missing: string } | undefined {
  const normalise = (answer: Answer, values: readonly string[]) => {
    let text = JSON.stringify({ status: answer.status, body: answer.body });
    // Longest first, so no value is replaced inside another.
    for (const value of [...values].sort((a, b) => b.length - a.length)) text = text.split(value).join('<identifier>');
    return text;
  };
  const a = normalise(existing, existingValues);
  const b = normalise(missing, missingValues);
  return a === b ? undefined : { existing: a, missing: b };
}
