/**
 * Whose data each entity is, known from the data the test put into the system (never from the
 * answers): the oracle needs the owner of every returned entity to know which policy row applies.
 */
import { syntheticDataset, type DatasetOptions, type SyntheticSlice } from '@credit/kit';
import { OWNED_TYPE_NAMES, OWNERSHIP, type OwnedTypeName } from '@credit/schema';

/**
 * Owned types (schema/src/ownership.ts) the world knows the owners of: the data set's persons,
 * records, objections and repairs, and the grants and reports a test creates (`add`).
 */
const IN_WORLD = ['Person', 'AuthorizationGrant', 'CreditRecord', 'CreditReport', 'Objection', 'RepairApplication'] as const satisfies readonly OwnedTypeName[];

export type OwnedType = (typeof IN_WORLD)[number];

/**
 * The other owned types, which the world cannot know the owners of: AccessLogEntry (query log
 * entries, written while the test runs, without an id), RedListEntry (nominations are made while
 * the test runs, not part of the data set), AppliedMeasure and MeasureCheck (computed answers
 * without an id), and those of any department the data set does not model (a scaffolded one's,
 * registered in schema/src/departments.ts). Their objects belong to the entity above them, as for
 * the gateway where the schema names no owner; under a Person that is their own owner anyway.
 */
const NOT_IN_WORLD = OWNED_TYPE_NAMES.filter((name) => !(IN_WORLD as readonly string[]).includes(name));

/** Entity types whose objects carry their own owner; everything else belongs to the entity above it. */
export const OWNED_TYPES: readonly OwnedType[] = IN_WORLD;

export const isOwnedType = (typeName: string): typeName is OwnedType => (OWNED_TYPES as readonly string[]).includes(typeName);

/**
 * Of those, the types whose objects name their owner (an ownership path, e.g. AccessLogEntry's
 * `subject { id }`): the gateway judges each object by it, so the oracle reads the owner from the
 * answer at that path (the generator selects it wherever it fits), else from the entity above.
 * `myAccessLog`'s entries have no entity above them.
 */
export const ANSWER_OWNED: ReadonlyMap<string, readonly string[]> = new Map(
  NOT_IN_WORLD.flatMap((name) => {
    const path = OWNERSHIP[name].path as readonly string[] | null;
    return path ? [[name, path] as const] : [];
  }),
);

export interface World {
  /** The person an entity's data is about; Person ids are their own owner. */
  ownerOf(typeName: OwnedType, id: string): string | undefined;
  /** Clear citizen ID number by person id: the global check looks for these in every answer. */
  citizenIds: ReadonlyMap<string, string>;
}

export interface MutableWorld extends World {
  slices: readonly SyntheticSlice[];
  /** For entities the test creates itself (grants). */
  add(typeName: OwnedType, id: string, owner: string): void;
}

export function worldFromDataset(options: DatasetOptions): MutableWorld {
  const slices = [...syntheticDataset(options)];
  const owners = new Map<string, string>();
  const key = (typeName: string, id: string) => `${typeName}:${id}`;
  const add = (typeName: OwnedType, id: string, owner: string) => void owners.set(key(typeName, id), owner);
  for (const { person, records, objections, repairs } of slices) {
    add('Person', person.id, person.id);
    for (const record of records) add('CreditRecord', record.id, record.subjectId);
    for (const objection of objections) add('Objection', objection.id, objection.subjectId);
    for (const repair of repairs) add('RepairApplication', repair.id, repair.subjectId);
  }
  return {
    slices,
    ownerOf: (typeName, id) => (typeName === 'Person' ? id : owners.get(key(typeName, id))),
    citizenIds: new Map(slices.map(({ person }) => [person.id, person.citizenIdNumber])),
    add,
  };
}
