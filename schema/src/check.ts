/**
 * `npm run schema:check`: what a department's SDL change does to the operations in use and to
 * privacy, before it merges (issue 13, point 4).
 *
 * The supergraph composed from the given subgraph SDL (in memory, as `npm run compose` composes it,
 * privacy lint included) is compared with a base supergraph (the committed one):
 *
 * - schema changes, found by @graphql-inspector/core on the two API schemas. A breaking change is
 *   checked against the operations in use (trusted documents, registered dashboards' operations):
 *   it fails when an operation uses its coordinate (`CreditRecord.summary`), naming each document,
 *   and passes as info when none does. Every document is also validated against the new API schema
 *   with graphql's `validate`: a document that no longer validates fails too.
 * - privacy changes that need review, from `classify` (lint.ts) on the two supergraphs: a lowered
 *   level, a removed or changed mask, a removed `derivedFrom` part, a new PUBLIC field on a
 *   person-owned type (ownership.ts). They fail unless a reviewer accepted them.
 *
 * Exit codes: 0 clean (info allowed), 1 breaks an operation in use or an unreviewed privacy change,
 * 2 the input cannot be checked (composition or privacy lint problems, an unreadable base or
 * operations file, usage).
 */
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  parse,
  typeFromAST,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { classify, lintPrivacy, type Classification } from './lint.js';
import { isOwnedTypeName } from './ownership.js';
import { federationHeader, PRIVACY_LEVELS, privacyDirectiveSdl } from './privacy.js';

/** One subgraph's own SDL (as in its schema.graphql, without the federation and privacy headers). */
export interface SubgraphSource {
  name: string;
  /** The routing URL written into the supergraph. */
  url: string;
  sdl: string;
}

/** One operations file in use: a trusted document or a file a dashboard registered. */
export interface OperationsDocument {
  /** How the report names it: its path from the repository root. */
  name: string;
  source: string;
  /** Who registered it (`trusted documents`, or the dashboard of schema/operations.json). */
  registeredBy?: string;
}

export interface CheckInput {
  /** The base supergraph SDL (the committed schema/supergraph.graphql). */
  base: string;
  subgraphs: readonly SubgraphSource[];
  operations: readonly OperationsDocument[];
  /** A privacy reviewer accepted the privacy changes (`--accept-privacy-review`). */
  acceptPrivacyReview?: boolean;
}

export type ChangeLevel = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

export interface ReportedChange {
  level: ChangeLevel;
  /** Inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`, `@directive`. */
  path: string | null;
  message: string;
  /** The operations documents that use the coordinate. */
  documents: string[];
}

export interface DocumentResult {
  name: string;
  registeredBy?: string;
  /** Its operations' names (`(anonymous)` for an unnamed one). */
  operations: string[];
  /** Paths of the breaking changes at coordinates it uses. */
  breakingChanges: string[];
  /** graphql `validate` errors against the new API schema. */
  errors: string[];
  /** It did not validate against the base either. */
  invalidAgainstBase: boolean;
}

export type PrivacyChangeKind = 'LEVEL_LOWERED' | 'MASK_REMOVED' | 'MASK_CHANGED' | 'DERIVED_FROM_REMOVED' | 'PUBLIC_FIELD_ON_PERSON_TYPE';

export interface PrivacyChange {
  kind: PrivacyChangeKind;
  coordinate: string;
  message: string;
  before?: Classification;
  after: Classification;
}

export interface CheckReport {
  exitCode: 0 | 1 | 2;
  /** Why the input cannot be checked (exit 2). */
  problems: string[];
  changes: ReportedChange[];
  documents: DocumentResult[];
  privacy: PrivacyChange[];
  privacyReviewAccepted: boolean;
  /** The new supergraph, as `npm run compose` would write it. */
  supergraphSdl?: string;
}

/**
 * Composes subgraph SDL sources in memory exactly as compose.ts composes the files (the same
 * headers, privacy lint and composition; check.test.ts holds the two equal): problems are fatal.
 */
export function composeSources(sources: readonly SubgraphSource[]): { supergraphSdl?: string; problems: string[] } {
  const problems: string[] = [];
  const subgraphs: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const { name, url, sdl } of sources) {
    try {
      subgraphs.push({ name, url, typeDefs: parse(federationHeader + privacyDirectiveSdl + sdl) });
    } catch (error) {
      problems.push(`${name}: SDL does not parse: ${(error as Error).message}`);
    }
  }
  if (problems.length) return { problems };
  problems.push(...lintPrivacy(subgraphs.map((s) => ({ name: s.name, document: s.typeDefs }))));
  const result = composeServices(subgraphs);
  if (result.errors) problems.push(...result.errors.map((e) => `composition: ${e.message}`));
  return { supergraphSdl: result.supergraphSdl, problems };
}

/** The API schema clients see (and trusted documents validate against), as @apollo/gateway builds it. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

const LEVEL_OF: Record<string, ChangeLevel> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'NON_BREAKING',
};

/**
 * The schema coordinates an operations document uses, on the schema it was written against: every
 * selected field (`Type.field`) and its parent and named types, every argument given
 * (`Type.field.arg`), input object fields and enum values written as literals, fragment type
 * conditions and directives. A variable's input type counts with all its fields and enum values
 * (the client may send any of them).
 */
export function usedCoordinates(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const expanded = new Set<string>();
  const useInputType = (type: GraphQLNamedType) => {
    if (expanded.has(type.name)) return;
    expanded.add(type.name);
    used.add(type.name);
    if (isEnumType(type)) for (const value of type.getValues()) used.add(`${type.name}.${value.name}`);
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        used.add(`${type.name}.${field.name}`);
        useInputType(getNamedType(field.type));
      }
    }
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        const root = schema.getRootType(node.operation);
        if (root) used.add(root.name);
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type as never);
        if (type) useInputType(getNamedType(type));
      },
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        used.add(parent.name);
        used.add(`${parent.name}.${field.name}`);
        used.add(getNamedType(field.type).name);
      },
      Argument() {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        const directive = typeInfo.getDirective();
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (directive) used.add(`@${directive.name}.${argument.name}`);
        else if (parent && field) used.add(`${parent.name}.${field.name}.${argument.name}`);
        used.add(getNamedType(argument.type).name);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const type = parent && getNamedType(parent);
        if (type && isInputObjectType(type)) used.add(type.name).add(`${type.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const input = typeInfo.getInputType();
        const type = input && getNamedType(input);
        if (type && isEnumType(type)) used.add(type.name).add(`${type.name}.${node.value}`);
      },
      InlineFragment(node) {
        if (node.typeCondition) used.add(node.typeCondition.name.value);
      },
      FragmentDefinition(node) {
        used.add(node.typeCondition.name.value);
      },
      Directive(node) {
        used.add(`@${node.name.value}`);
      },
    }),
  );
  return used;
}

/** `A.b.c` -> `A.b`. */
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('.'));

/**
 * The coordinates whose use makes an operation depend on a change. Mostly the change's own path;
 * an added argument or input field, a changed default and a new enum value concern every operation
 * using the field, the input type or the enum (it omits the new argument, gets the new default or
 * may read the new value). Null: every operation (a change without a coordinate, like a new root type).
 */
function touchedBy(change: Change): string[] | null {
  const path = change.path;
  if (!path) return null;
  switch (change.type) {
    case 'FIELD_ARGUMENT_ADDED':
    case 'FIELD_ARGUMENT_DEFAULT_CHANGED':
    case 'INPUT_FIELD_ADDED':
    case 'INPUT_FIELD_DEFAULT_VALUE_CHANGED':
    case 'ENUM_VALUE_ADDED':
      return [path, parentOf(path)];
    default:
      return [path];
  }
}

function operationNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
}

const levelRank = (classification: Classification) => PRIVACY_LEVELS.indexOf(classification.level);

/** What in the new supergraph's classifications needs a privacy reviewer, compared with the base's. */
export function privacyChanges(base: ReadonlyMap<string, Classification>, next: ReadonlyMap<string, Classification>): PrivacyChange[] {
  const changes: PrivacyChange[] = [];
  for (const [coordinate, after] of next) {
    const before = base.get(coordinate);
    if (!before) {
      const typeName = coordinate.slice(0, coordinate.indexOf('.'));
      if (after.level === 'PUBLIC' && isOwnedTypeName(typeName)) {
        changes.push({
          kind: 'PUBLIC_FIELD_ON_PERSON_TYPE',
          coordinate,
          message: `${coordinate}: new PUBLIC field on ${typeName}, a type about one person (ownership.ts)`,
          after,
        });
      }
      continue;
    }
    if (levelRank(after) < levelRank(before)) {
      changes.push({ kind: 'LEVEL_LOWERED', coordinate, message: `${coordinate}: level lowered ${before.level} → ${after.level}`, before, after });
    }
    if (before.mask !== 'NONE' && after.mask === 'NONE') {
      changes.push({ kind: 'MASK_REMOVED', coordinate, message: `${coordinate}: mask ${before.mask} removed`, before, after });
    } else if (before.mask !== after.mask && before.mask !== 'NONE') {
      changes.push({ kind: 'MASK_CHANGED', coordinate, message: `${coordinate}: mask changed ${before.mask} → ${after.mask}`, before, after });
    }
    const removedParts = (before.derivedFrom ?? []).filter((part) => !(after.derivedFrom ?? []).includes(part));
    if (removedParts.length) {
      changes.push({
        kind: 'DERIVED_FROM_REMOVED',
        coordinate,
        message: `${coordinate}: derivedFrom no longer lists ${removedParts.join(', ')} (the lint stops checking it can be rebuilt from them)`,
        before,
        after,
      });
    }
  }
  return changes.sort((a, b) => a.coordinate.localeCompare(b.coordinate) || a.kind.localeCompare(b.kind));
}

function failed(problems: string[], supergraphSdl?: string): CheckReport {
  return { exitCode: 2, problems, changes: [], documents: [], privacy: [], privacyReviewAccepted: false, ...(supergraphSdl ? { supergraphSdl } : {}) };
}

/** The check itself: no files, no process; the CLI (check-cli.ts) gathers its inputs. */
export async function checkSchema(input: CheckInput): Promise<CheckReport> {
  const composed = composeSources(input.subgraphs);
  if (!composed.supergraphSdl) return failed(composed.problems.length ? composed.problems : ['composition produced no supergraph']);
  const supergraphSdl = composed.supergraphSdl;

  // Privacy lint problems fail the check (exit 2) as they fail `npm run compose`; the supergraph
  // still composed, so the report shows the changes and privacy changes beside them.
  const problems: string[] = [...composed.problems];
  let baseApi: GraphQLSchema | undefined;
  let nextApi: GraphQLSchema | undefined;
  let baseClassified: Map<string, Classification> | undefined;
  let nextClassified: Map<string, Classification> | undefined;
  try {
    baseApi = apiSchemaOf(input.base);
    baseClassified = classify(parse(input.base)).classified;
  } catch (error) {
    problems.push(`base supergraph: ${(error as Error).message}`);
  }
  try {
    nextApi = apiSchemaOf(supergraphSdl);
    const next = classify(parse(supergraphSdl));
    // The gateway refuses a supergraph with a field it cannot classify (classifications.ts).
    problems.push(...next.problems.map((p) => `new supergraph: ${p}`));
    nextClassified = next.classified;
  } catch (error) {
    problems.push(`new supergraph: ${(error as Error).message}`);
  }
  const parsed: { document: OperationsDocument; ast: DocumentNode }[] = [];
  for (const document of input.operations) {
    try {
      parsed.push({ document, ast: parse(document.source) });
    } catch (error) {
      problems.push(`operations ${document.name}: does not parse: ${(error as Error).message}`);
    }
  }
  if (!baseApi || !nextApi || !baseClassified || !nextClassified) return failed(problems, supergraphSdl);

  const used = parsed.map(({ document, ast }) => ({ document, ast, coordinates: usedCoordinates(baseApi, ast) }));
  const changes: ReportedChange[] = (await diff(baseApi, nextApi)).map((change) => {
    const touched = touchedBy(change);
    return {
      level: LEVEL_OF[change.criticality.level] ?? 'BREAKING',
      type: String(change.type),
      path: change.path ?? null,
      message: change.message,
      documents: used.filter(({ coordinates }) => touched === null || touched.some((c) => coordinates.has(c))).map(({ document }) => document.name),
    };
  });

  const documents: DocumentResult[] = used.map(({ document, ast }) => {
    const errors = validate(nextApi, ast).map((e) => e.message);
    return {
      name: document.name,
      ...(document.registeredBy ? { registeredBy: document.registeredBy } : {}),
      operations: operationNames(ast),
      breakingChanges: changes.filter((c) => c.level === 'BREAKING' && c.documents.includes(document.name)).map((c) => c.path ?? c.type),
      errors,
      invalidAgainstBase: errors.length > 0 && validate(baseApi, ast).length > 0,
    };
  });

  const privacy = privacyChanges(baseClassified, nextClassified);
  const privacyReviewAccepted = privacy.length > 0 && input.acceptPrivacyReview === true;
  const broken = documents.some((d) => d.breakingChanges.length || d.errors.length);
  const exitCode = problems.length ? 2 : broken || (privacy.length && !privacyReviewAccepted) ? 1 : 0;
  return { exitCode, problems, changes, documents, privacy, privacyReviewAccepted, supergraphSdl };
}

/** A document as the report names it: its path and its operations. */
const named = (d: DocumentResult) => `${d.name}${d.operations.length ? ` (${d.operations.join(', ')})` : ''}`;

/** The report as text, for a terminal or a CI log. */
export function formatReport(report: CheckReport, options: { baseLabel?: string; verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  if (options.baseLabel) out(`base: ${options.baseLabel}`);
  if (report.problems.length) {
    out('✗ cannot pass: composition, privacy lint or input problems (compose refuses the same SDL)');
    for (const problem of report.problems) out(`  ✗ ${problem}`);
    out();
  }
  if (report.documents.length || !report.problems.length) {
    out(`operations in use: ${report.documents.length} document(s)`);
    for (const d of report.documents) out(`  ${named(d)}${d.registeredBy ? `  [${d.registeredBy}]` : ''}`);
    out();
  }

  const byDocument = new Map(report.documents.map((d) => [d.name, d]));
  const describe = (c: ReportedChange) => `${c.type} ${c.path ?? ''}: ${c.message}`;
  const breakingUsed = report.changes.filter((c) => c.level === 'BREAKING' && c.documents.length);
  const invalid = report.documents.filter((d) => d.errors.length);
  if (breakingUsed.length || invalid.length) {
    out('✗ breaking for operations in use');
    for (const change of breakingUsed) {
      out(`  ${describe(change)}`);
      for (const name of change.documents) out(`    breaks ${named(byDocument.get(name)!)}`);
    }
    for (const d of invalid) {
      out(`  ${named(d)} no longer validates${d.invalidAgainstBase ? ' (it did not validate against the base either)' : ''}:`);
      for (const error of d.errors) out(`    ${error}`);
    }
    out();
  }
  if (report.privacy.length) {
    out(`${report.privacyReviewAccepted ? '✓' : '✗'} privacy change: needs review${report.privacyReviewAccepted ? ' (accepted with --accept-privacy-review)' : ''}`);
    for (const change of report.privacy) out(`  ${change.message}`);
    if (!report.privacyReviewAccepted && !report.problems.length) out('  once a privacy reviewer has approved them: npm run schema:check -- --accept-privacy-review');
    out();
  }
  const dangerousUsed = report.changes.filter((c) => c.level === 'DANGEROUS' && c.documents.length);
  if (dangerousUsed.length) {
    out('! dangerous for operations in use (passes; check the dashboards)');
    for (const change of dangerousUsed) out(`  ${describe(change)}\n    used by ${change.documents.join(', ')}`);
    out();
  }
  const breakingUnused = report.changes.filter((c) => c.level === 'BREAKING' && !c.documents.length);
  if (breakingUnused.length) {
    out('ℹ breaking, but no operation in use touches it (passes)');
    for (const change of breakingUnused) out(`  ${describe(change)}`);
    out();
  }
  const dangerousUnused = report.changes.filter((c) => c.level === 'DANGEROUS' && !c.documents.length);
  if (dangerousUnused.length) {
    out('ℹ dangerous, no operation in use touches it');
    for (const change of dangerousUnused) out(`  ${describe(change)}`);
    out();
  }
  const safe = report.changes.filter((c) => c.level === 'NON_BREAKING');
  if (safe.length) {
    out(`ℹ ${safe.length} safe change(s)${options.verbose ? '' : ' (--verbose lists them)'}`);
    if (options.verbose) for (const change of safe) out(`  ${describe(change)}`);
    out();
  }
  if (!report.problems.length && !report.changes.length && !report.privacy.length && !invalid.length) out('no schema or privacy changes');

  const brokenCount = report.documents.filter((d) => d.breakingChanges.length || d.errors.length).length;
  const pending = report.privacyReviewAccepted ? 0 : report.privacy.length;
  const reasons = [
    ...(report.problems.length ? [`${report.problems.length} problem(s) refused`] : []),
    ...(brokenCount ? [`${brokenCount} operations document(s) broken`] : []),
    ...(pending ? [`${pending} privacy change(s) need review`] : []),
  ];
  out(report.exitCode === 0 ? 'result: OK (exit 0)' : `result: ${report.exitCode === 2 ? 'ERROR' : 'FAIL'}: ${reasons.join(', ')} (exit ${report.exitCode})`);
  return lines.join('\n');
}
