/**
 * Whose data each entity is, known from the data the test put into the system (never from the
 * answers): the oracle needs the owner of every returned entity to know which policy row applies.
 */
import { syntheticDataset, type DatasetOptions, type SyntheticSlice } from '@credit/kit';

/** Entity types whose objects carry their own owner; everything else belongs to the entity above it. */
export const OWNED_TYPES = ['Person', 'CreditRecord', 'Objection', 'RepairApplication', 'AuthorizationGrant'] as const;
export type OwnedType = (typeof OWNED_TYPES)[number];

export const isOwnedType = (typeName: string): typeName is OwnedType => (OWNED_TYPES as readonly string[]).includes(typeName);

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
