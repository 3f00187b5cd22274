/**
 * Random valid operations over the real API schema, as an analyst could write them: random
 * subsets of fields at every level down to depth 8, aliases (the same field twice under two
 * names), inline fragments with and without a type condition, named fragments (some spread
 * again elsewhere), arguments from the ids the test knows, literal or through variables. Every
 * selection set on an entity also selects its `id`, so the oracle can tell whose data it is;
 * unaliased, because the gateway counts every alias against its limit of 15.
 */
import { checkQueryLimits } from '@credit/gateway/limits/query-limits';
import fc from 'fast-check';
import {
  astFromValue,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  print,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ANSWER_OWNED, isOwnedType } from './world.js';

/** Values the arguments are drawn from; a list may repeat ids to make them likelier. */
export interface IdPool {
  persons: readonly string[];
  citizenIds: readonly string[];
  records: readonly string[];
  objections: readonly string[];
  repairs: readonly string[];
  grants: readonly string[];
  /** Catalog measure codes (`measureCheck(measure:)`). */
  measures: readonly string[];
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** Every root Query field (schema/src/entry-points.ts ENTRY_POINTS); the operations test keeps them all generated. */
export const ROOT_FIELDS = [
  'person',
  'personByCitizenIdNumber',
  'persons',
  'creditRecord',
  'objection',
  'repairApplication',
  'authorizationGrant',
  'measureCheck',
  'openObjections',
  'overdueObjections',
  'submittedRepairs',
  'creditStatistics',
  'measures',
  'publicDisclosures',
  'creditRecordChanges',
  'myAccessLog',
  'accessLog',
  'usageReview',
] as const;

export interface GeneratorOptions {
  /**
   * Relative weight of each root field (default 1 each); 0 never generates it. The leak test
   * favours what the caller's purpose reaches, so most operations run.
   */
  rootWeight?: (field: string) => number;
  /**
   * Share (0..1) of operations whose root lookups are made to name one subject: lookups drawing
   * from the same pool of identifiers get the first one's value, the others are dropped. For
   * single-subject purposes, which answer lookups of more than one subject with BULK.
   */
  oneSubject?: number;
}

/** Leaves at most this deep; the gateway refuses operations deeper than 10. */
export const MAX_DEPTH = 8;
const MAX_PAGE = 20;

/** Required arguments that need a known id or number to mean anything. */
const ID_ARGUMENTS: Readonly<Record<string, keyof IdPool>> = {
  'Query.person.id': 'persons',
  'Query.personByCitizenIdNumber.citizenIdNumber': 'citizenIds',
  'Query.creditRecord.id': 'records',
  'Query.objection.id': 'objections',
  'Query.repairApplication.id': 'repairs',
  'Query.authorizationGrant.id': 'grants',
  'Query.measureCheck.personId': 'persons',
  'Query.measureCheck.measure': 'measures',
};

interface Argument {
  name: string;
  value: unknown;
  asVariable: boolean;
}

interface FieldSelection {
  kind: 'field';
  parent: string;
  name: string;
  alias: boolean;
  args: Argument[];
  children: Selection[] | null;
}

interface FragmentSelection {
  /** `reused` spreads a named fragment defined elsewhere in the operation when one fits here. */
  kind: 'inline' | 'untyped' | 'named' | 'reused';
  on: string;
  children: Selection[];
}

type Selection = FieldSelection | FragmentSelection;

export function operationArbitrary(schema: GraphQLSchema, pool: IdPool, options: GeneratorOptions = {}): fc.Arbitrary<GeneratedOperation> {
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error('the schema has no Query type');
  const memo = new Map<string, fc.Arbitrary<Selection[]> | undefined>();

  const argumentArbitrary = (coordinate: string, argument: GraphQLArgument): fc.Arbitrary<unknown> | 'omit' | 'impossible' => {
    const poolName = ID_ARGUMENTS[`${coordinate}.${argument.name}`];
    if (poolName) return pool[poolName].length ? fc.constantFrom(...pool[poolName]) : 'impossible';
    const value = inputArbitrary(argument.name, argument.type);
    if (isNonNullType(argument.type)) return value ?? 'impossible';
    return value ? fc.option(value, { nil: undefined }) : 'omit';
  };

  const argumentsArbitrary = (coordinate: string, field: GraphQLField<unknown, unknown>): fc.Arbitrary<Argument[]> | undefined => {
    const parts: fc.Arbitrary<Argument | undefined>[] = [];
    for (const argument of field.args) {
      const value = argumentArbitrary(coordinate, argument);
      if (value === 'impossible') return undefined;
      if (value === 'omit') continue;
      parts.push(
        fc.tuple(value, fc.boolean()).map(([v, asVariable]) => (v === undefined ? undefined : { name: argument.name, value: v, asVariable })),
      );
    }
    return fc.tuple(...parts).map((args) => args.filter((a): a is Argument => a !== undefined));
  };

  const fieldArbitrary = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, depth: number) => {
    const coordinate = `${parent.name}.${field.name}`;
    const weight = depth === 1 ? (options.rootWeight?.(field.name) ?? 1) : isCompositeType(getNamedType(field.type)) ? 3 : 2;
    if (weight <= 0) return undefined;
    const args = argumentsArbitrary(coordinate, field);
    const named = getNamedType(field.type);
    if (!args || (isCompositeType(named) && depth >= MAX_DEPTH)) return undefined;
    const children = isCompositeType(named) ? selectionsArbitrary(named, depth + 1, 0) : fc.constant(null);
    if (!children) return undefined;
    const arbitrary = fc
      .record({ alias: fc.integer({ min: 0, max: 3 }).map((n) => n === 3), args, children })
      .map(({ alias, args, children }): Selection => ({ kind: 'field', parent: parent.name, name: field.name, alias, args, children }));
    return { arbitrary, weight };
  };

  /** Selections on `type` whose fields sit at `depth`; fragments nest at most two deep. */
  function selectionsArbitrary(type: GraphQLCompositeType, depth: number, fragmentLevel: number): fc.Arbitrary<Selection[]> | undefined {
    const key = `${type.name}:${depth}:${fragmentLevel}`;
    if (memo.has(key)) return memo.get(key);
    const fields = Object.values('getFields' in type ? type.getFields() : {})
      .filter((field) => depth > 1 || (ROOT_FIELDS as readonly string[]).includes(field.name))
      .map((field) => fieldArbitrary(type, field, depth))
      .filter((f) => f !== undefined);
    if (!fields.length) {
      // Only object fields here, and none may go deeper.
      memo.set(key, undefined);
      return undefined;
    }
    const field = fc.oneof(...fields);
    const inner = fragmentLevel < 2 ? selectionsArbitrary(type, depth, fragmentLevel + 1) : undefined;
    const fragment: fc.Arbitrary<Selection[]> = inner
      ? fc.oneof(
          { arbitrary: fc.constant<Selection[]>([]), weight: fragmentLevel === 0 ? 2 : 4 },
          {
            arbitrary: fc
              .tuple(fc.constantFrom('inline', 'untyped', 'named', 'reused') as fc.Arbitrary<FragmentSelection['kind']>, inner)
              .map(([kind, children]): Selection[] => [{ kind, on: type.name, children }]),
            weight: 1,
          },
        )
      : fc.constant<Selection[]>([]);
    const arbitrary = fc
      .tuple(fc.array(field, { minLength: 1, maxLength: fragmentLevel === 0 ? 3 : 2 }), fragment)
      .map(([fieldSelections, fragments]) => [...fieldSelections, ...fragments]);
    memo.set(key, arbitrary);
    return arbitrary;
  }

  const root = selectionsArbitrary(queryType, 1, 0);
  if (!root) throw new Error('no root field can be generated from this pool');
  const oneSubject = Math.round((options.oneSubject ?? 0) * 100);
  return fc
    .tuple(root, fc.boolean(), fc.integer({ min: 0, max: 99 }))
    .map(([root, named, draw]) => {
      const operation = fitLimits(schema, draw < oneSubject ? oneSubjectOnly(root) : root, named);
      return Object.assign(operation, { [fc.toStringMethod]: () => `${operation.query}\nvariables: ${JSON.stringify(operation.variables)}` });
    });
}

/**
 * The root lookups made to name one subject: the first lookup (in document order) fixes the
 * identifier pool and value; later lookups drawing from the same pool get that value, the others
 * are dropped. A new tree: fast-check may hand out the same values again.
 */
function oneSubjectOnly(root: Selection[]): Selection[] {
  let subject: { pool: keyof IdPool; value: unknown } | undefined;
  const identifierOf = (s: FieldSelection) => {
    const arg = s.args.find((a) => ID_ARGUMENTS[`Query.${s.name}.${a.name}`] && ID_ARGUMENTS[`Query.${s.name}.${a.name}`] !== 'measures');
    return arg ? { arg, pool: ID_ARGUMENTS[`Query.${s.name}.${arg.name}`]! } : undefined;
  };
  const visit = (selections: Selection[]): Selection[] =>
    selections.flatMap((s): Selection[] => {
      if (s.kind !== 'field') return [{ ...s, children: visit(s.children) }];
      const identifier = identifierOf(s);
      if (!identifier) return [s];
      subject ??= { pool: identifier.pool, value: identifier.arg.value };
      if (identifier.pool !== subject.pool) return [];
      return [{ ...s, args: s.args.map((a) => (a === identifier.arg ? { ...a, value: subject!.value } : a)) }];
    });
  return visit(root);
}

/** Argument values: enums, lists of enums, input objects of enums, and page sizes up to 20. */
function inputArbitrary(name: string, type: GraphQLInputType): fc.Arbitrary<unknown> | undefined {
  const nullable = getNullableType(type);
  if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((v) => v.name));
  if (isListType(nullable)) {
    const item = getNullableType(nullable.ofType);
    return isEnumType(item) ? fc.subarray(item.getValues().map((v) => v.name)) : undefined;
  }
  if (isInputObjectType(nullable)) {
    const entries = Object.values(nullable.getFields());
    if (entries.some((f) => isNonNullType(f.type))) return undefined;
    const parts = Object.fromEntries(
      entries.flatMap((f) => {
        const inner = getNullableType(f.type);
        return isEnumType(inner) ? [[f.name, fc.constantFrom(...inner.getValues().map((v) => v.name))]] : [];
      }),
    );
    return fc.record(parts, { requiredKeys: [] });
  }
  if (name === 'first' && String(nullable) === 'Int') return fc.integer({ min: 1, max: MAX_PAGE });
  return undefined;
}

/**
 * Prints the operation, trimming it until the gateway's analyst limits accept it (cost, aliases,
 * tokens): smaller pages first, then fewer aliases, then less depth. Deterministic, so fast-check
 * still shrinks the underlying choices.
 */
function fitLimits(schema: GraphQLSchema, root: Selection[], named: boolean): GeneratedOperation {
  let tree = root;
  let page = MAX_PAGE;
  let aliases = true;
  let depth = MAX_DEPTH;
  for (;;) {
    const operation = printOperation(schema, tree, { named, aliases, page });
    const codes = checkQueryLimits(parse(operation.query), schema, operation.query, operation.variables).map((e) => String(e.extensions.code));
    if (!codes.length) return operation;
    if (codes.some((c) => c !== 'QUERY_TOO_COSTLY' && c !== 'TOO_MANY_ALIASES' && c !== 'QUERY_TOO_LARGE')) {
      throw new Error(`generated an operation the gateway refuses (${codes.join(', ')}):\n${operation.query}`);
    }
    if (codes.includes('TOO_MANY_ALIASES') && aliases) aliases = false;
    else if (codes.includes('QUERY_TOO_COSTLY') && page > 1) page = Math.max(1, Math.floor(page / 3));
    else if (depth > 1) tree = truncate(tree, --depth);
    else throw new Error(`cannot fit the operation into the gateway's limits:\n${operation.query}`);
  }
}

/** Drops every field that would have a field below `depth`. */
function truncate(selections: Selection[], depth: number, level = 1): Selection[] {
  return selections.flatMap((s): Selection[] => {
    if (s.kind !== 'field') return [{ ...s, children: truncate(s.children, depth, level) }];
    if (!s.children) return [s];
    return level >= depth ? [] : [{ ...s, children: truncate(s.children, depth, level + 1) }];
  });
}

interface NamedFragment {
  name: string;
  on: string;
  /** The generated selections it prints. */
  identity: string;
  /** Levels of fields in it, fragments flattened. */
  height: number;
}

interface PrintOptions {
  named: boolean;
  /** Random aliases; off, only different arguments of one field get aliases. */
  aliases: boolean;
  /** Upper bound for every `first`. */
  page: number;
}

function printOperation(schema: GraphQLSchema, root: Selection[], options: PrintOptions): GeneratedOperation {
  const variables: Record<string, unknown> = {};
  const variableTypes = new Map<string, string>();
  const variableNames = new Map<string, string>();
  const fragmentTexts: string[] = [];
  const fragments: NamedFragment[] = [];
  /** The deepest field level printed so far in the operation or fragment being printed. */
  let deepest = 0;
  /** Per coordinate, the distinct argument lists: the first prints unaliased, the others as name_i. */
  const argumentVariants = new Map<string, string[]>();
  let nextAlias = 0;
  let fragmentCount = 0;

  const literal = (argument: GraphQLArgument, value: unknown) => {
    const ast = astFromValue(value, argument.type);
    if (!ast) throw new Error(`cannot print ${argument.name}`);
    return print(ast);
  };

  const printArguments = (selection: FieldSelection): string => {
    const definition = fieldDefinition(schema, selection);
    const parts = selection.args.map((arg) => {
      const argument = definition.args.find((a) => a.name === arg.name)!;
      const value = arg.name === 'first' ? Math.min(arg.value as number, options.page) : arg.value;
      if (!arg.asVariable) return `${arg.name}: ${literal(argument, value)}`;
      // The same value of the same type is one variable, so identical arguments print identically.
      const typeName = String(argument.type);
      const identity = `${typeName}|${JSON.stringify(value)}`;
      let variable = variableNames.get(identity);
      if (!variable) {
        variable = `v${variableNames.size + 1}`;
        variableNames.set(identity, variable);
        variableTypes.set(variable, typeName);
        variables[variable] = value;
      }
      return `${arg.name}: $${variable}`;
    });
    return parts.length ? `(${parts.join(', ')})` : '';
  };

  /** `depth`: the level of the fields of this set. */
  const printSet = (type: string, selections: Selection[], injected: boolean, depth: number): string => {
    const schemaType = schema.getType(type)!;
    const parts: string[] = [];
    if (injected && isOwnedType(type)) parts.push('id');
    const ownerPath = injected ? ANSWER_OWNED.get(type) : undefined;
    if (ownerPath && depth + ownerPath.length - 1 <= MAX_DEPTH) {
      parts.push(ownerPath.reduceRight((inner, step) => (inner ? `${step} { ${inner} }` : step), ''));
      deepest = Math.max(deepest, depth + ownerPath.length - 1);
    }
    if (injected && isAbstractType(schemaType)) parts.push('leakCheckType: __typename');
    for (const selection of selections) {
      if (selection.kind === 'field') parts.push(printField(selection, depth));
      else if (selection.kind === 'inline') parts.push(`... on ${selection.on} ${printSet(selection.on, selection.children, false, depth)}`);
      else if (selection.kind === 'untyped') parts.push(`... ${printSet(selection.on, selection.children, false, depth)}`);
      else parts.push(`...${fragmentName(selection, depth)}`);
    }
    // Truncation can empty a set of everything but fields deeper than allowed.
    if (!parts.length) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  };

  const fragmentName = (selection: FragmentSelection, depth: number): string => {
    const identity = `${selection.on}|${JSON.stringify(selection.children)}`;
    // A fragment printed elsewhere may reach deeper than this spot allows (through reuse inside it).
    const fits = (f: NamedFragment) => f.on === selection.on && depth - 1 + f.height <= MAX_DEPTH;
    let fragment = (selection.kind === 'reused' ? fragments.find(fits) : undefined) ?? fragments.find((f) => f.identity === identity && fits(f));
    if (!fragment) {
      const outer = deepest;
      deepest = depth - 1;
      const name = `F${++fragmentCount}`;
      // Printed at the depth of this spread, so the reuse inside it is bounded where it first occurs.
      const text = `fragment ${name} on ${selection.on} ${printSet(selection.on, selection.children, false, depth)}`;
      fragment = { name, on: selection.on, identity, height: deepest - (depth - 1) };
      fragments.push(fragment);
      fragmentTexts.push(text);
      deepest = outer;
    }
    deepest = Math.max(deepest, depth - 1 + fragment.height);
    return fragment.name;
  };

  const printField = (selection: FieldSelection, depth: number): string => {
    deepest = Math.max(deepest, depth);
    const args = printArguments(selection);
    let alias = '';
    if (fieldDefinition(schema, selection).args.length) {
      // Two occurrences with one response key must have equal arguments: key by the arguments.
      const coordinate = `${selection.parent}.${selection.name}`;
      const variants = argumentVariants.get(coordinate) ?? [];
      argumentVariants.set(coordinate, variants);
      let index = variants.indexOf(args);
      if (index < 0) index = variants.push(args) - 1;
      if (index > 0 || (selection.alias && options.aliases)) alias = `${selection.name}_${index}: `;
    } else if (selection.alias && options.aliases) {
      alias = `a${++nextAlias}: `;
    }
    const children = selection.children ? ` ${printSet(String(getNamedType(fieldDefinition(schema, selection).type)), selection.children, true, depth + 1)}` : '';
    return `${alias}${selection.name}${args}${children}`;
  };

  const body = printSet(schema.getQueryType()!.name, root, true, 1);
  const definitions = [...variableTypes].map(([name, type]) => `$${name}: ${type}`);
  const header = options.named || definitions.length ? `query${options.named ? ' LeakCheck' : ''}${definitions.length ? `(${definitions.join(', ')})` : ''} ` : '';
  return { query: [`${header}${body}`, ...fragmentTexts].join('\n'), variables };
}

function fieldDefinition(schema: GraphQLSchema, selection: FieldSelection): GraphQLField<unknown, unknown> {
  const type = schema.getType(selection.parent) as GraphQLCompositeType;
  return ('getFields' in type ? type.getFields() : {})[selection.name]!;
}
