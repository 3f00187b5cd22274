/**
 * Walks an answer along its plan and applies the decisions per returned entity: row rules on the
 * owner of each object, masks, and a FORBIDDEN_FIELD error at every path a value was withheld.
 * Removes the keys the plan injected.
 */
import { maskValue, type PrivacyLevel } from '@credit/schema';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { OWNER_KEY, TYPE_KEY, ownerFrom, type Decision, type FieldPlan, type OperationPlan, type SelectionPlan } from './plan.js';

export interface EnforcementError {
  message: string;
  path: (string | number)[];
  extensions: { code: 'FORBIDDEN_FIELD'; level: PrivacyLevel; reason: 'POLICY' | 'ROW' | 'UNMASKABLE' };
}

/** Fields touched, by level and decision, for the query log (PERSONAL and SENSITIVE only). */
export type FieldLog = Partial<Record<'PERSONAL' | 'SENSITIVE', Partial<Record<Decision, Set<string>>>>>;

export interface EnforceOptions {
  /** Whether the caller's row covers data about this person in this field (row-rule roles only). */
  rowCovers?: (ownerId: string, coordinate: string) => boolean;
}

export interface Enforced {
  errors: EnforcementError[];
  fields: FieldLog;
}

/**
 * Where a value sits, built as a linked list while walking: the array form is made only for an
 * error. Copying the path for every field of every object was most of the walk's garbage.
 */
type Path = { readonly prev: Path; readonly key: string | number } | undefined;

function pathArray(path: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p = path; p; p = p.prev) out.push(p.key);
  return out.reverse();
}

export function enforce(data: Record<string, unknown> | null | undefined, plan: OperationPlan, options: EnforceOptions): Enforced {
  const errors: EnforcementError[] = [];
  const lookups = isQuery(plan);
  const fields: FieldLog = {};
  const log = (field: FieldPlan, decision: Decision) => {
    const level = field.classification.level;
    if (level !== 'PERSONAL' && level !== 'SENSITIVE') return;
    const byDecision = (fields[level] ??= {});
    (byDecision[decision] ??= new Set()).add(field.coordinate);
  };
  const withhold = (object: Record<string, unknown>, key: string, path: Path, field: FieldPlan, reason: EnforcementError['extensions']['reason']) => {
    object[key] = null;
    errors.push({
      message: `Not permitted to read ${field.coordinate}`,
      path: pathArray(path),
      extensions: { code: 'FORBIDDEN_FIELD', level: field.classification.level, reason },
    });
    log(field, 'DENY');
  };

  const decisionFor = (field: FieldPlan, owner: string | undefined): Decision => {
    if (!options.rowCovers) return field.primary;
    return owner !== undefined && options.rowCovers(owner, field.coordinate) ? field.primary : field.fallback;
  };

  const walkObject = (object: Record<string, unknown>, plan: SelectionPlan, typeName: string, inherited: string | undefined, path: Path) => {
    const concrete = typeof object[TYPE_KEY] === 'string' ? (object[TYPE_KEY] as string) : typeName;
    const owner = ownerFrom(concrete, object[OWNER_KEY]) ?? inherited;
    // Only when present: a delete turns the object into a slow dictionary for the rest of its life.
    if (OWNER_KEY in object) delete object[OWNER_KEY];
    if (TYPE_KEY in object) delete object[TYPE_KEY];
    const planned = plan.get(concrete);
    if (!planned) return;
    for (const [key, field] of planned) {
      // The path to this field is made only where it is kept: an error, or the walk below it.
      if (field.removed) {
        withhold(object, key, { prev: path, key }, field, 'POLICY');
        continue;
      }
      const value = object[key];
      if (field.child) {
        // With no owner above (root fields), each returned entity is judged on its own owner.
        if (owner === undefined && field.ownedChild && options.rowCovers) {
          object[key] = walkOwnedChildren(value, field, { prev: path, key });
          continue;
        }
        const decision = decisionFor(field, owner);
        if (decision === 'DENY') {
          withhold(object, key, { prev: path, key }, field, field.primary === 'DENY' ? 'POLICY' : 'ROW');
          continue;
        }
        log(field, decision);
        walkValue(value, field.child, childType(field), owner, { prev: path, key });
        continue;
      }
      const decision = decisionFor(field, owner);
      if (decision === 'DENY') {
        withhold(object, key, { prev: path, key }, field, field.primary === 'DENY' ? 'POLICY' : 'ROW');
      } else if (decision === 'MASK') {
        const masked = maskValue(value, field.classification.mask);
        if (masked === undefined) withhold(object, key, { prev: path, key }, field, 'UNMASKABLE');
        else {
          object[key] = masked;
          log(field, 'MASK');
        }
      } else {
        log(field, 'ALLOW');
      }
    }
  };

  /** The refusal of an owned value outside the caller's rows; one text for a row that exists and one that does not. */
  const refuseRow = (field: FieldPlan, path: Path) => {
    errors.push({
      message: `Not permitted to read ${field.coordinate}`,
      path: pathArray(path),
      extensions: { code: 'FORBIDDEN_FIELD', level: field.classification.level, reason: field.primary === 'DENY' ? 'POLICY' : 'ROW' },
    });
    log(field, 'DENY');
  };

  const walkOwnedChildren = (value: unknown, field: FieldPlan, path: Path): unknown => {
    if (value === null || value === undefined) {
      // No entity, so no owner to judge it by: a lookup answers as for a row outside the caller's
      // rows, or the bare null would tell a missing row from one the row rule refuses (DESIGN §5).
      // The person a caller's row covers always exists, so this refuses nothing they may read; a
      // row of theirs a subgraph hides (an archived record) is refused as well, being unknowable.
      // A mutation's null is its failure, explained by its own error.
      if (lookups && field.fallback === 'DENY') refuseRow(field, path);
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walkOwnedChildren(item, field, { prev: path, key: i }));
    const object = value as Record<string, unknown>;
    const typeName = typeof object[TYPE_KEY] === 'string' ? (object[TYPE_KEY] as string) : childType(field);
    const owner = ownerFrom(typeName, object[OWNER_KEY]);
    const decision = decisionFor(field, owner);
    if (decision === 'DENY') {
      refuseRow(field, path);
      return null;
    }
    log(field, decision);
    walkObject(object, field.child!, typeName, owner, path);
    return object;
  };

  const walkValue = (value: unknown, plan: SelectionPlan, typeName: string, owner: string | undefined, path: Path) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walkValue(value[i], plan, typeName, owner, { prev: path, key: i });
      return;
    }
    walkObject(value as Record<string, unknown>, plan, typeName, owner, path);
  };

  if (data) walkObject(data, plan.root, plan.rootType, undefined, undefined);
  return { errors, fields };
}

const operationKinds = new WeakMap<OperationPlan, boolean>();

/** Whether the plan's operation is a query (plans are cached, so this is decided once per plan). */
function isQuery(plan: OperationPlan): boolean {
  let query = operationKinds.get(plan);
  if (query === undefined) {
    const operation = plan.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    query = operation?.operation === OperationTypeNode.QUERY;
    operationKinds.set(plan, query);
  }
  return query;
}

/** The concrete type a child plan is keyed by when the answer carries no type key (one type). */
function childType(field: FieldPlan): string {
  const [only] = field.child?.keys() ?? [];
  return only ?? '';
}

/**
 * The subgraphs' errors the caller may see: none from below a path the enforcement withheld. A
 * nested resolver runs only for a row that exists (a refused cursor, an archive refusal under a
 * person), so its error under a withheld entity would tell that entity exists, and says something
 * about data the caller may not read. Errors at a withheld path itself, or without a path, stay.
 */
export function withoutWithheld<E extends { path?: readonly (string | number)[] }>(upstream: readonly E[], enforcement: readonly EnforcementError[]): E[] {
  if (!upstream.length || !enforcement.length) return [...upstream];
  const withheld = new Set(enforcement.map((e) => pathKey(e.path, e.path.length)));
  return upstream.filter((error) => {
    const path = error.path;
    if (!path) return true;
    for (let length = 1; length < path.length; length++) if (withheld.has(pathKey(path, length))) return false;
    return true;
  });
}

function pathKey(path: readonly (string | number)[], length: number): string {
  let key = '';
  for (let i = 0; i < length; i++) key += `${typeof path[i] === 'number' ? '#' : '.'}${String(path[i])}`;
  return key;
}
