/**
 * The leak oracle: given an answer, the operation that asked for it and who asked, says where the
 * answer shows more than the policy table (schema/src/policy.ts) allows. It reads the policy,
 * the supergraph's classifications and the test's own knowledge of whose data each entity is —
 * never the gateway's privacy engine — so a bug there shows up here as a violation.
 */
import { decisionFor, GRANT_SCOPE_GRAPHS, ROW_RULES, type Decision, type GrantScope, type PrivacyLevel, type Purpose, type Role } from '@credit/schema';
import type { Classification } from '@credit/schema/classifications';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { LeakApi } from './api.js';
import { ANSWER_OWNED, isOwnedType, type World } from './world.js';

export interface Caller {
  role: Role;
  purpose: Purpose;
  /** The token's `sub`: an authorization grant names its grantee by it. */
  sub?: string;
  /** The token's `personId` (citizens). */
  personId?: string;
}

/** An authorization grant as the test created it; the oracle decides itself whether it is live. */
export interface GrantFacts {
  personId: string;
  grantee: string;
  purpose: Purpose;
  scope: readonly GrantScope[];
  expiresAt: Date;
}

export type ViolationKind =
  /** A value the policy does not let this caller see, or see in the clear. */
  | 'LEAK'
  /** A clear citizen ID number of someone whose SENSITIVE data the caller may not read, anywhere in the answer. */
  | 'CITIZEN_ID_IN_ANSWER'
  /** A key nobody asked for (e.g. an engine's injected owner key). */
  | 'UNEXPECTED_KEY'
  /** An entity without the id the operation asked for: its owner cannot be known. */
  | 'UNIDENTIFIED_ENTITY'
  /** A denied field without its FORBIDDEN_FIELD error. */
  | 'MISSING_FORBIDDEN_ERROR';

export interface Violation {
  kind: ViolationKind;
  path: (string | number)[];
  coordinate?: string;
  level?: PrivacyLevel;
  decision?: Decision;
  owner?: string;
  message: string;
}

export interface CheckInput {
  response: { data?: unknown; errors?: readonly { message?: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] };
  operation: { query: string; variables?: Record<string, unknown> };
  caller: Caller;
  /** The grant named in `x-authorization-grant`, if any. */
  grant?: GrantFacts;
  /** The system's clock at the time of the request (grant expiry). */
  now: Date;
  api: LeakApi;
  world: World;
}

/** A field without a classification is as private as it gets. */
const UNCLASSIFIED: Classification = { level: 'SENSITIVE', mask: 'NONE' };

/** What a correctly masked value looks like, per mask style (DESIGN §5). */
const MASKED: Record<string, RegExp> = {
  CITIZEN_ID: /^\d{4}\*+[0-9X]{4}$/,
  // The surname (one or two characters, 复姓) stays; everything after it is stars.
  NAME: /^[^*]{0,2}\*+$/u,
  PHONE: /^\d{3}\*+\d{4}$/,
  REGION_PREFECTURE: /^\d{4}\*\*$/,
};

export function checkAnswer(input: CheckInput): Violation[] {
  const { response, caller, api, world } = input;
  const violations: Violation[] = [];
  const document = parse(input.operation.query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('the operation has no operation definition');
  const fragments = fragmentsOf(document);
  const live = liveGrant(input);

  const decide = (owner: string | undefined, coordinate: string, level: PrivacyLevel): Decision => {
    const rule = ROW_RULES[caller.role];
    if (!rule) return decisionFor(caller.role, caller.purpose, level);
    const covered =
      owner !== undefined &&
      (rule.rowAppliesTo === 'SELF'
        ? owner === caller.personId
        : live !== undefined && owner === live.personId && [...(api.fieldGraphs.get(coordinate) ?? [])].some((g) => live.graphs.has(g)));
    return covered ? decisionFor(caller.role, caller.purpose, level) : decisionFor(rule.othersAs.role, rule.othersAs.purpose, level);
  };

  const forbiddenErrors = new Set(
    (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN_FIELD' && e.path).map((e) => JSON.stringify(e.path)),
  );
  const expectForbiddenError = (path: (string | number)[], coordinate: string, level: PrivacyLevel) => {
    if (!forbiddenErrors.has(JSON.stringify(path))) {
      violations.push({ kind: 'MISSING_FORBIDDEN_ERROR', path, coordinate, level, decision: 'DENY', message: `${coordinate} is denied but has no FORBIDDEN_FIELD error at its path` });
    }
  };

  /** The owner of an object of `type`: its own when it is an entity, else the one inherited. */
  const ownerOfObject = (object: Record<string, unknown>, type: GraphQLObjectType, sets: readonly SelectionSetNode[], path: (string | number)[], inherited: string | undefined) => {
    const ownerPath = ANSWER_OWNED.get(type.name);
    if (ownerPath) return valueAt(api, object, type, sets, fragments, ownerPath) ?? inherited;
    if (!isOwnedType(type.name)) return inherited;
    const idKey = [...collectFields(api, type, sets, fragments)].find(([, nodes]) => nodes[0]!.name.value === 'id')?.[0];
    const id = idKey === undefined ? undefined : object[idKey];
    if (typeof id !== 'string') {
      violations.push({ kind: 'UNIDENTIFIED_ENTITY', path, message: `a ${type.name} without its id: its owner is unknown` });
      return undefined;
    }
    return world.ownerOf(type.name, id);
  };

  const concreteType = (object: Record<string, unknown>, type: GraphQLCompositeType, sets: readonly SelectionSetNode[]): GraphQLObjectType | undefined => {
    if (isObjectType(type)) return type;
    for (const set of sets) {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD && selection.name.value === '__typename') {
          const named = api.schema.getType(String(object[selection.alias?.value ?? '__typename']));
          if (named && isObjectType(named)) return named;
        }
      }
    }
    return undefined;
  };

  const checkLeaf = (value: unknown, decision: Decision, classification: Classification, path: (string | number)[], coordinate: string, owner: string | undefined) => {
    const base = { path, coordinate, level: classification.level, decision, owner };
    if (decision === 'DENY') {
      if (value !== null && value !== undefined) violations.push({ ...base, kind: 'LEAK', message: `${coordinate} is denied but answered ${JSON.stringify(value)}` });
      else expectForbiddenError(path, coordinate, classification.level);
      return;
    }
    if (decision !== 'MASK' || value === null || value === undefined) return;
    const pattern = MASKED[classification.mask];
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === null) continue;
      if (!pattern) {
        violations.push({ ...base, kind: 'LEAK', message: `${coordinate} must be masked but has no mask style, so it must be null; answered ${JSON.stringify(value)}` });
        return;
      }
      if (typeof item !== 'string' || !pattern.test(item)) {
        violations.push({ ...base, kind: 'LEAK', message: `${coordinate} must be masked (${classification.mask}) but answered ${JSON.stringify(value)}` });
        return;
      }
    }
  };

  const walkObject = (object: unknown, type: GraphQLCompositeType, sets: readonly SelectionSetNode[], path: (string | number)[], inherited: string | undefined) => {
    if (object === null || object === undefined) return;
    if (Array.isArray(object)) {
      object.forEach((item, i) => walkObject(item, type, sets, [...path, i], inherited));
      return;
    }
    const record = object as Record<string, unknown>;
    const concrete = concreteType(record, type, sets);
    if (!concrete) {
      violations.push({ kind: 'UNIDENTIFIED_ENTITY', path, message: `an object of abstract type ${type.name} without its __typename` });
      return;
    }
    walkFields(record, concrete, sets, path, ownerOfObject(record, concrete, sets, path, inherited));
  };

  const walkFields = (record: Record<string, unknown>, concrete: GraphQLObjectType, sets: readonly SelectionSetNode[], path: (string | number)[], owner: string | undefined) => {
    const fields = collectFields(api, concrete, sets, fragments);
    for (const key of Object.keys(record)) {
      if (!fields.has(key)) violations.push({ kind: 'UNEXPECTED_KEY', path: [...path, key], message: `key ${key} was not asked for: ${JSON.stringify(record[key])}` });
    }
    for (const [key, nodes] of fields) {
      const name = nodes[0]!.name.value;
      if (name === '__typename' || !(key in record)) continue;
      const definition = concrete.getFields()[name];
      if (!definition) throw new Error(`${concrete.name}.${name} is not in the schema`);
      const coordinate = `${concrete.name}.${name}`;
      const classification = api.classifications.get(coordinate) ?? UNCLASSIFIED;
      const value = record[key];
      const at = [...path, key];
      const named = getNamedType(definition.type);
      if (!isCompositeType(named)) {
        checkLeaf(value, decide(owner, coordinate, classification.level), classification, at, coordinate, owner);
        continue;
      }
      const childSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      if (owner === undefined && canBeOwned(api, named)) {
        // Data about nobody in particular (the root, a connection) leading to entities: each
        // returned entity is judged on its own owner.
        walkOwnedValues(value, named, childSets, at, coordinate, classification);
        continue;
      }
      const decision = decide(owner, coordinate, classification.level);
      if (decision === 'ALLOW') walkObject(value, named, childSets, at, owner);
      else if (value !== null && value !== undefined) {
        violations.push({ kind: 'LEAK', path: at, coordinate, level: classification.level, decision, owner, message: `${coordinate} is ${decision} for this caller but answered an object` });
      } else if (decision === 'DENY') expectForbiddenError(at, coordinate, classification.level);
    }
  };

  const walkOwnedValues = (
    value: unknown,
    type: GraphQLCompositeType,
    sets: readonly SelectionSetNode[],
    path: (string | number)[],
    coordinate: string,
    classification: Classification,
  ) => {
    if (value === null || value === undefined) {
      // No entity came back, so no owner: only a denial for everyone is certain.
      if (decide(undefined, coordinate, classification.level) === 'DENY' && deniedForEveryRow(caller, classification.level)) {
        expectForbiddenError(path, coordinate, classification.level);
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walkOwnedValues(item, type, sets, [...path, i], coordinate, classification));
      return;
    }
    const record = value as Record<string, unknown>;
    const concrete = concreteType(record, type, sets);
    if (!concrete) {
      violations.push({ kind: 'UNIDENTIFIED_ENTITY', path, message: `an object of abstract type ${type.name} without its __typename` });
      return;
    }
    const owner = ownerOfObject(record, concrete, sets, path, undefined);
    const decision = decide(owner, coordinate, classification.level);
    if (decision === 'ALLOW') walkFields(record, concrete, sets, path, owner);
    else violations.push({ kind: 'LEAK', path, coordinate, level: classification.level, decision, owner, message: `${coordinate} is ${decision} for this caller but answered an object` });
  };

  walkObject(response.data, api.schema.getQueryType()!, [operation.selectionSet], [], undefined);
  violations.push(...clearCitizenIds(input, decide));
  return violations;
}

function liveGrant({ grant, caller, now }: CheckInput): { personId: string; graphs: Set<string> } | undefined {
  if (!grant || grant.grantee !== caller.sub || grant.purpose !== caller.purpose || now >= grant.expiresAt) return undefined;
  return { personId: grant.personId, graphs: new Set(grant.scope.flatMap((s) => GRANT_SCOPE_GRAPHS.get(s) ?? [])) };
}

function deniedForEveryRow(caller: Caller, level: PrivacyLevel): boolean {
  return decisionFor(caller.role, caller.purpose, level) === 'DENY';
}

/** No clear citizen ID number of a person the caller may not read SENSITIVE data of, anywhere; echoes of the request's own text excepted. */
function clearCitizenIds(input: CheckInput, decide: (owner: string, coordinate: string, level: PrivacyLevel) => Decision): Violation[] {
  const coordinate = 'Person.citizenIdNumber';
  const level = input.api.classifications.get(coordinate)?.level ?? 'SENSITIVE';
  const answer = JSON.stringify(input.response).toUpperCase();
  const request = `${input.operation.query}${JSON.stringify(input.operation.variables ?? {})}`.toUpperCase();
  const violations: Violation[] = [];
  for (const [personId, citizenId] of input.world.citizenIds) {
    const needle = citizenId.toUpperCase();
    if (!answer.includes(needle) || request.includes(needle) || decide(personId, coordinate, level) === 'ALLOW') continue;
    violations.push({ kind: 'CITIZEN_ID_IN_ANSWER', path: [], coordinate, level, owner: personId, message: `the clear citizen ID number of person ${personId} is in the answer` });
  }
  return violations;
}

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
}

/** The fields under each response key, as execution collects them for an object of `type`. */
export function collectFields(
  api: LeakApi,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = api.schema.getType(condition);
    return conditionType !== undefined && isAbstractType(conditionType) && api.schema.isSubType(conditionType, type);
  };
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment && applies(fragment.typeCondition.name.value)) collect(fragment.selectionSet);
      }
    }
  };
  sets.forEach(collect);
  return fields;
}

function canBeOwned(api: LeakApi, type: GraphQLCompositeType): boolean {
  const concrete = isObjectType(type) ? [type] : api.schema.getPossibleTypes(type);
  return concrete.some((t) => isOwnedType(t.name) || ANSWER_OWNED.has(t.name));
}

/** The string the answer has at a path of field names (`subject`, `id`) below an object, whatever the response keys. */
function valueAt(
  api: LeakApi,
  object: Record<string, unknown>,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  path: readonly string[],
): string | undefined {
  const [step, ...rest] = path;
  if (step === undefined) return undefined;
  for (const [key, nodes] of collectFields(api, type, sets, fragments)) {
    if (nodes[0]!.name.value !== step) continue;
    const value = object[key];
    if (!rest.length) {
      if (typeof value === 'string') return value;
      continue;
    }
    const named = getNamedType(type.getFields()[step]?.type);
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !named || !isObjectType(named)) continue;
    const found = valueAt(api, value as Record<string, unknown>, named, nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])), fragments, rest);
    if (found !== undefined) return found;
  }
  return undefined;
}
