/**
 * Whose data is this (DESIGN §5): for every type whose objects are about one person, where that
 * person's id is found. Declared once, as data, because two places must agree on it:
 *
 * - the gateway's row rules (a CITIZEN reads their own person in full, an AGENCY reads a grantor
 *   under a live grant) judge each returned object by its owner, which the gateway selects along
 *   the GraphQL `path` it injects into the operation (gateway/src/privacy/plan.ts);
 * - the query log records the persons whose data left, which each subgraph reads from the
 *   resolved objects its PERSONAL and SENSITIVE fields are resolved on (`source`, kit
 *   served-persons.ts).
 *
 * When the two were declared separately, a subgraph could serve an owned type the gateway judges
 * per owner without ever telling the query log whose data it served. The leak test's world
 * (test/leak/world.ts) takes its owned types from here too. Each department declares its owned
 * types in its registry entry (departments.ts); this table gathers them.
 */
import { DEPARTMENTS, SUBGRAPH_NAMES, type SubgraphName } from './departments.js';

export interface Ownership {
  /**
   * The GraphQL path from an object of the type to its owner's id (`subject { id }` is
   * `['subject', 'id']`), or null when the schema names no owner for the type: then the gateway
   * judges its objects by the owner of the object above them (`Person.applicableMeasures`), or as
   * data without an owner at a root field.
   */
  readonly path: readonly string[] | null;
  /**
   * The path in the resolved source object (what the subgraph resolvers receive as parent: the DB
   * row, or the entity representation `{ id }` the gateway sends) to the owner's id. Every
   * subgraph that resolves a PERSONAL or SENSITIVE field of the type must hand its resolvers a
   * parent that carries it, or that field's reads go unreported.
   */
  readonly source: readonly string[];
}

/** Every department's owned types (departments.ts), then the query log's, which the gateway serves itself. */
type DepartmentOwnedType = { [N in SubgraphName]: keyof (typeof DEPARTMENTS)[N]['owns'] }[SubgraphName];
export type OwnedTypeName = DepartmentOwnedType | 'AccessLogEntry';

/** Every department's owned types, then the query log's, which the gateway serves itself. */
export const OWNERSHIP = {
  ...(Object.assign({}, ...SUBGRAPH_NAMES.map((name) => DEPARTMENTS[name].owns)) as Record<DepartmentOwnedType, Ownership>),
  /** Served by the gateway itself (audit/subgraph.ts), whose resolvers report their persons themselves. */
  AccessLogEntry: { path: ['subject', 'id'], source: ['subject', 'id'] },
} as Readonly<Record<OwnedTypeName, Ownership>>;

export const OWNED_TYPE_NAMES = Object.keys(OWNERSHIP) as OwnedTypeName[];

export function isOwnedTypeName(typeName: string): typeName is OwnedTypeName {
  return Object.hasOwn(OWNERSHIP, typeName);
}

/** The type's ownership, or undefined for a type whose objects are about no one in particular. */
export function ownershipOf(typeName: string): Ownership | undefined {
  return isOwnedTypeName(typeName) ? OWNERSHIP[typeName] : undefined;
}

/** The string at `path` in `value`, or undefined when a step is missing or the end is not a string. */
export function idAt(value: unknown, path: readonly string[]): string | undefined {
  let at = value;
  for (const step of path) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined;
  return typeof at === 'string' ? at : undefined;
}
