/**
 * Plans one operation for one (role, purpose): decides every field occurrence, removes the fields
 * denied for every row before the query planner sees them, and injects what the row rules need
 * (each entity's owner, the concrete type under abstract fields). The plan then drives the walk
 * over the answer (enforce.ts).
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { idAt, ownershipOf, type Decision, type PrivacyLevel } from '@credit/schema';
import type { Classification } from '@credit/schema/classifications';

// engine.ts takes both from here: the one Classification is the schema's.
export type { Classification, Decision };

/** The GraphQL path from an object of the type to the person the data is about (schema/src/ownership.ts). */
const ownerPath = (typeName: string): readonly string[] | undefined => ownershipOf(typeName)?.path ?? undefined;

/** Response keys the engine adds and removes; a client may not use them. */
export const OWNER_KEY = '_privacyOwner';
export const TYPE_KEY = '_privacyType';

export interface FieldPlan {
  coordinate: string;
  classification: Classification;
  /** Decision for data about a person the caller's row covers (or for everyone without row rules). */
  primary: Decision;
  /** Decision for data outside the caller's rows (a CITIZEN reading someone else). */
  fallback: Decision;
  /** Denied for every row: not sent to any subgraph. */
  removed: boolean;
  /** For object fields: what to do inside. */
  child?: SelectionPlan;
  /** The field's type has owners of its own (decide per returned entity when the parent has none). */
  ownedChild: boolean;
}

/** Field plans by concrete type, then by response key. */
export type SelectionPlan = Map<string, Map<string, FieldPlan>>;

export interface OperationPlan {
  document: DocumentNode;
  root: SelectionPlan;
  rootType: string;
  /** Classified PERSONAL or SENSITIVE fields occur: the operation is audited. */
  personal: boolean;
}

export interface PlanInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  classify: (coordinate: string) => Classification | undefined;
  decide: (level: PrivacyLevel, row: 'primary' | 'fallback') => Decision;
  /** Whether row rules apply to the caller (owners must be fetched). */
  rowRules: boolean;
}

export class PlanError extends Error {}

/** Anything unclassified is treated as sensitive and unmaskable: when unsure, deny. */
const UNCLASSIFIED: Classification = { level: 'SENSITIVE', mask: 'NONE' };

export function planOperation(input: PlanInput): OperationPlan {
  const { schema, document } = input;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = input.operationName
    ? operations.find((o) => o.name?.value === input.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) throw new PlanError('Operation not found: give operationName for a document with several operations');
  // A write's entry in the query log names whose data it changed: its answer's owners, whoever the caller.
  const owners = input.rowRules || operation.operation === 'mutation';
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new PlanError(`This schema has no ${operation.operation} type`);
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const rewrittenFragments = new Map<string, FragmentDefinitionNode>();
  /** Fragments spread under `__schema` / `__type`: introspection is not planned, so they stay as written. */
  const introspectionFragments = new Set<string>();
  const keepSpreads = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (introspectionFragments.has(name)) continue;
        introspectionFragments.add(name);
        keepSpreads(fragments.get(name)?.selectionSet);
      } else {
        keepSpreads(selection.selectionSet);
      }
    }
  };
  let personal = false;

  const concreteTypes = (type: GraphQLCompositeType): readonly GraphQLObjectType[] =>
    isObjectType(type) ? [type] : schema.getPossibleTypes(type);

  const addField = (plan: SelectionPlan, typeName: string, key: string, field: FieldPlan) => {
    let fields = plan.get(typeName);
    if (!fields) plan.set(typeName, (fields = new Map()));
    const existing = fields.get(key);
    if (!existing) fields.set(key, field);
    else if (existing.child && field.child) mergePlans(existing.child, field.child);
  };

  const mergePlans = (into: SelectionPlan, from: SelectionPlan) => {
    for (const [typeName, fields] of from) for (const [key, field] of fields) addField(into, typeName, key, field);
  };

  /** Plans a selection set; `inject` adds owner/type keys (not inside fragments: their parent did). */
  const planSet = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    inject: boolean,
  ): { node: SelectionSetNode; plan: SelectionPlan } => {
    const plan: SelectionPlan = new Map();
    const applicable = concreteTypes(parent);
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const rewritten = planField(selection, parent, applicable, plan);
        if (rewritten) selections.push(rewritten);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) throw new PlanError('Unknown type condition');
        const inner = planSet(selection.selectionSet, condition, false);
        narrow(inner.plan, applicable);
        mergePlans(plan, inner.plan);
        selections.push({ ...selection, selectionSet: inner.node } satisfies InlineFragmentNode);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new PlanError(`Unknown fragment ${selection.name.value}`);
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (!condition || !isCompositeType(condition)) throw new PlanError('Unknown type condition');
        const inner = planSet(fragment.selectionSet, condition, false);
        if (!rewrittenFragments.has(fragment.name.value)) {
          rewrittenFragments.set(fragment.name.value, { ...fragment, selectionSet: inner.node });
        }
        narrow(inner.plan, applicable);
        mergePlans(plan, inner.plan);
        selections.push(selection);
      }
    }
    if (inject && owners) selections.push(...ownerSelections(applicable));
    if (inject && isAbstractType(parent)) selections.push(aliasedField(TYPE_KEY, '__typename'));
    if (selections.length === 0) selections.push(aliasedField(TYPE_KEY, '__typename'));
    return { node: { kind: Kind.SELECTION_SET, selections }, plan };
  };

  const planField = (
    node: FieldNode,
    parent: GraphQLCompositeType,
    applicable: readonly GraphQLObjectType[],
    plan: SelectionPlan,
  ): FieldNode | undefined => {
    const key = node.alias?.value ?? node.name.value;
    if (key === OWNER_KEY || key === TYPE_KEY) throw new PlanError(`The response key ${key} is reserved`);
    if (node.name.value.startsWith('__')) {
      keepSpreads(node.selectionSet);
      return node;
    }
    const definition = 'getFields' in parent ? parent.getFields()[node.name.value] : undefined;
    if (!definition) throw new PlanError(`Unknown field ${parent.name}.${node.name.value}`);
    const namedType = getNamedType(definition.type);
    const composite = isCompositeType(namedType);
    const fieldPlans = applicable.map((type) => {
      const coordinate = `${type.name}.${node.name.value}`;
      const classification = input.classify(coordinate) ?? input.classify(`${parent.name}.${node.name.value}`) ?? UNCLASSIFIED;
      const primary = maskable(input.decide(classification.level, 'primary'), classification, composite);
      const fallback = input.rowRules ? maskable(input.decide(classification.level, 'fallback'), classification, composite) : primary;
      if (classification.level === 'PERSONAL' || classification.level === 'SENSITIVE') personal = true;
      return { type, coordinate, classification, primary, fallback, removed: primary === 'DENY' && fallback === 'DENY' };
    });
    const removed = fieldPlans.every((f) => f.removed);
    let child: { node: SelectionSetNode; plan: SelectionPlan } | undefined;
    if (!removed && node.selectionSet && composite) child = planSet(node.selectionSet, namedType, true);
    const ownedChild = composite && concreteTypes(namedType).some((t) => ownerPath(t.name) !== undefined);
    for (const f of fieldPlans) {
      addField(plan, f.type.name, key, {
        coordinate: f.coordinate,
        classification: f.classification,
        primary: f.primary,
        fallback: f.fallback,
        removed: f.removed,
        child: child?.plan,
        ownedChild,
      });
    }
    if (removed) return undefined;
    return child ? { ...node, selectionSet: child.node } : node;
  };

  const root = planSet(operation.selectionSet, rootType, true);
  const rewritten = visit(document, {
    OperationDefinition: (definition) => (definition === operation ? { ...definition, selectionSet: root.node } : null),
    FragmentDefinition: (definition) =>
      rewrittenFragments.get(definition.name.value) ?? (introspectionFragments.has(definition.name.value) ? definition : null),
  });
  return { document: pruneVariables(rewritten), root: root.plan, rootType: rootType.name, personal };
}

/**
 * MASK is a decision only a masking style can carry out: an object (its existence, its links,
 * the length of a list) or a value without a style cannot be masked, so there it means DENY, and
 * the field is not even fetched.
 */
function maskable(decision: Decision, classification: Classification, composite: boolean): Decision {
  return decision === 'MASK' && (composite || classification.mask === 'NONE') ? 'DENY' : decision;
}

/** Keeps only the entries of a fragment's plan that can apply where it is spread. */
function narrow(plan: SelectionPlan, applicable: readonly GraphQLObjectType[]) {
  const names = new Set(applicable.map((t) => t.name));
  for (const typeName of [...plan.keys()]) if (!names.has(typeName)) plan.delete(typeName);
}

function aliasedField(alias: string | undefined, name: string, selectionSet?: SelectionSetNode): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: alias ? { kind: Kind.NAME, value: alias } : undefined,
    name: { kind: Kind.NAME, value: name },
    selectionSet,
  };
}

/** `... on CreditRecord { _privacyOwner: subject { id } }` for each owned type that can occur here. */
function ownerSelections(types: readonly GraphQLObjectType[]): SelectionNode[] {
  return types
    .filter((type) => ownerPath(type.name))
    .map((type) => {
      const path = ownerPath(type.name)!;
      let field: FieldNode | undefined;
      for (let i = path.length - 1; i >= 0; i--) {
        const name = path[i]!;
        const set: SelectionSetNode | undefined = field ? { kind: Kind.SELECTION_SET, selections: [field] } : undefined;
        field = aliasedField(i === 0 ? OWNER_KEY : undefined, name, set);
      }
      return {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
        selectionSet: { kind: Kind.SELECTION_SET, selections: [field!] },
      } satisfies InlineFragmentNode;
    });
}

/** A removed field may have been the only user of a variable; unused definitions fail validation. */
function pruneVariables(document: DocumentNode): DocumentNode {
  const used = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => void used.add(node.name.value),
  });
  return visit(document, {
    VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null),
  });
}

/** The owner id an injected `_privacyOwner` value leads to. */
export function ownerFrom(typeName: string, injected: unknown): string | undefined {
  const path = ownerPath(typeName);
  // The alias took the place of the path's first field.
  return path ? idAt(injected, path.slice(1)) : undefined;
}
