import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSchemaOf, checkSchema, composeSources, formatReport, usedCoordinates, type CheckReport, type OperationsDocument } from './check.js';
import { expandPattern, globToRegExp, loadOperations, REPO_ROOT, subgraphSources } from './check-inputs.js';
import { composeSupergraph } from './compose.js';
import { COMPOSED_SUBGRAPHS } from './subgraphs.js';

const RECORDS = 'subgraphs/records/schema.graphql';
const IDENTITY = 'subgraphs/identity/schema.graphql';

const scratchRoots: string[] = [];

/**
 * A scratch copy of the repository's SDL files and trusted documents, with `edits` applied to the
 * files they name (each edit must change its file, so a test never passes on an edit that missed).
 */
function scratch(edits: Record<string, (sdl: string) => string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'schema-check-'));
  scratchRoots.push(root);
  for (const { schemaFile } of COMPOSED_SUBGRAPHS) {
    const rel = relative(REPO_ROOT, fileURLToPath(schemaFile));
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    cpSync(join(REPO_ROOT, rel), join(root, rel));
  }
  cpSync(join(REPO_ROOT, 'gateway/documents'), join(root, 'gateway/documents'), { recursive: true });
  for (const [rel, edit] of Object.entries(edits)) {
    const before = readFileSync(join(root, rel), 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${rel} changed nothing`);
    writeFileSync(join(root, rel), after);
  }
  return root;
}

/** Deletes the first field declaration starting with `field` (with its one-line description, if any). */
const removeField = (field: RegExp) => (sdl: string) => sdl.replace(new RegExp(`(  "[^"\\n]*"\\n)?${field.source}[^\\n]*\\n`), '');

/** The supergraph of the working tree as it is: the check of an unchanged tree compares equals. */
let base: string;
let operations: OperationsDocument[];

beforeAll(() => {
  const composed = composeSources(subgraphSources());
  expect(composed.problems).toEqual([]);
  base = composed.supergraphSdl!;
  operations = loadOperations();
});

afterAll(() => {
  for (const root of scratchRoots) rmSync(root, { recursive: true, force: true });
});

const check = (root: string, options: { acceptPrivacyReview?: boolean; operations?: OperationsDocument[] } = {}) =>
  checkSchema({ base, subgraphs: subgraphSources(root), operations: options.operations ?? operations, acceptPrivacyReview: options.acceptPrivacyReview });

const change = (report: CheckReport, path: string) => report.changes.find((c) => c.path === path);
const broken = (report: CheckReport) => report.documents.filter((d) => d.breakingChanges.length || d.errors.length).map((d) => d.name);

describe('schema:check composition', () => {
  it('composes the SDL sources as `npm run compose` composes the files', () => {
    const fromFiles = composeSupergraph();
    expect(fromFiles.problems).toEqual([]);
    expect(base).toBe(fromFiles.supergraphSdl);
  });

  it('finds nothing when the SDL composes to the base: clean, exit 0', async () => {
    const report = await check(scratch());
    expect(report.exitCode).toBe(0);
    expect(report.problems).toEqual([]);
    expect(report.changes).toEqual([]);
    expect(report.privacy).toEqual([]);
    expect(report.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['gateway/documents/person-lookup.graphql', 'gateway/documents/unified-view.graphql']));
    expect(report.documents.every((d) => d.errors.length === 0)).toBe(true);
    expect(formatReport(report)).toContain('no schema or privacy changes');
  });

  it('refuses an unclassified field as compose does (exit 2)', async () => {
    const report = await check(scratch({ [RECORDS]: (sdl) => sdl.replace('  summary: String @privacy(level: PERSONAL)\n', '  summary: String @privacy(level: PERSONAL)\n  remarks: String\n') }));
    expect(report.exitCode).toBe(2);
    expect(report.problems).toContain('records: CreditRecord.remarks has no @privacy classification (on the field or its type)');
    expect(formatReport(report)).toContain('result: ERROR');
  });
});

describe('schema:check against the operations in use', () => {
  it('fails the removal of CreditRecord.summary, naming every document that selects it', async () => {
    const report = await check(scratch({ [RECORDS]: removeField(/  summary: String /) }));
    const usingSummary = operations.filter((d) => /\bsummary\b/.test(d.source)).map((d) => d.name);
    expect(usingSummary).toEqual(expect.arrayContaining(['gateway/documents/person-lookup.graphql', 'gateway/documents/unified-view.graphql']));

    expect(report.exitCode).toBe(1);
    expect(change(report, 'CreditRecord.summary')).toMatchObject({ level: 'BREAKING', type: 'FIELD_REMOVED' });
    expect(change(report, 'CreditRecord.summary')!.documents.sort()).toEqual(usingSummary.sort());
    expect(broken(report).sort()).toEqual(usingSummary.sort());
    for (const name of usingSummary) {
      expect(report.documents.find((d) => d.name === name)!.errors).toEqual(['Cannot query field "summary" on type "CreditRecord".']);
    }
    const text = formatReport(report);
    expect(text).toContain('FIELD_REMOVED CreditRecord.summary');
    expect(text).toContain('breaks gateway/documents/person-lookup.graphql (PersonLookup)');
    expect(text).toContain('breaks gateway/documents/unified-view.graphql (UnifiedViewPage)');
    expect(text).toContain('(exit 1)');
  });

  it('passes the removal of a field no operation uses, reported as info', async () => {
    expect(operations.some((d) => d.source.includes('revokedOn'))).toBe(false);
    const report = await check(scratch({ [RECORDS]: removeField(/  revokedOn: /) }));
    expect(report.exitCode).toBe(0);
    expect(change(report, 'CreditRecord.revokedOn')).toMatchObject({ level: 'BREAKING', type: 'FIELD_REMOVED', documents: [] });
    expect(broken(report)).toEqual([]);
    expect(formatReport(report)).toMatch(/breaking, but no operation in use touches it \(passes\)\n {2}FIELD_REMOVED CreditRecord\.revokedOn/);
  });

  it('fails that removal once a dashboard registers an operation using the field', async () => {
    const root = scratch({ [RECORDS]: removeField(/  minimumPublicityEndsOn: /) });
    mkdirSync(join(root, 'console/src/queries'), { recursive: true });
    writeFileSync(
      join(root, 'console/src/queries/repair-dates.graphql'),
      'query RepairDates($id: ID!) { person(id: $id) { creditRecords(first: 5) { edges { node { id minimumPublicityEndsOn } } } } }\n',
    );
    writeFileSync(join(root, 'schema-operations.json'), JSON.stringify({ operations: [{ dashboard: 'console', files: ['console/src/**/*.graphql'] }] }));
    const registered = loadOperations({ root, registry: join(root, 'schema-operations.json') });
    expect(registered.map((d) => [d.name, d.registeredBy])).toContainEqual(['console/src/queries/repair-dates.graphql', 'console']);

    const report = await check(root, { operations: registered });
    expect(report.exitCode).toBe(1);
    expect(change(report, 'CreditRecord.minimumPublicityEndsOn')!.documents).toEqual(['console/src/queries/repair-dates.graphql']);
    expect(broken(report)).toEqual(['console/src/queries/repair-dates.graphql']);
  });

  it('maps arguments, input fields and enum values to the documents that write them', async () => {
    // statistics.graphql: groupBy: [REGION, DOMAIN], filter: { decidedFrom, decidedTo, kind }.
    const report = await check(
      scratch({
        [RECORDS]: (sdl) =>
          sdl
            .replace('enum StatisticsDimension {\n  REGION\n', 'enum StatisticsDimension {\n')
            .replace('  "Month of the decision date."\n  MONTH\n', '')
            .replace(/(input CreditStatisticsFilter \{[^}]*?)  severity: Severity\n/, '$1'),
      }),
    );
    // The console's registered operations (schema/operations.json) ask by REGION and MONTH literally, and
    // pass a CreditStatisticsFilter variable, which may carry severity.
    expect(change(report, 'StatisticsDimension.REGION')).toMatchObject({
      level: 'BREAKING',
      documents: expect.arrayContaining(['gateway/documents/statistics.graphql', 'console/operations.graphql']),
    });
    expect(change(report, 'StatisticsDimension.MONTH')?.documents).not.toContain('gateway/documents/statistics.graphql');
    expect(change(report, 'CreditStatisticsFilter.severity')?.documents).not.toContain('gateway/documents/statistics.graphql');
    expect(broken(report)).toEqual(expect.arrayContaining(['gateway/documents/statistics.graphql']));
    expect(report.exitCode).toBe(1);
  });

  it('collects the coordinates an operation uses, variables with every value they may carry', () => {
    const api = apiSchemaOf(base);
    const used = usedCoordinates(
      api,
      parse(`query S($kind: RecordKind) { creditStatistics(groupBy: [REGION], filter: { kind: $kind }) { region count } }`),
    );
    expect([...used]).toEqual(
      expect.arrayContaining([
        'Query',
        'Query.creditStatistics',
        'Query.creditStatistics.groupBy',
        'StatisticsDimension.REGION',
        'Query.creditStatistics.filter',
        'CreditStatisticsFilter.kind',
        'RecordKind.POSITIVE',
        'RecordKind.NEGATIVE',
        'CreditStatisticsCell.region',
        'CreditStatisticsCell.count',
      ]),
    );
    expect(used.has('StatisticsDimension.DOMAIN')).toBe(false);
    expect(used.has('CreditStatisticsFilter.severity')).toBe(false);
  });
});

describe('schema:check privacy changes', () => {
  const regionToPersonal = (sdl: string) =>
    sdl.replace('regionCode: String @privacy(level: SENSITIVE, mask: REGION_PREFECTURE)', 'regionCode: String @privacy(level: PERSONAL, mask: REGION_PREFECTURE)');

  it("flags Person.regionCode lowered to PERSONAL; the privacy lint refuses it too, as the citizen ID number's part", async () => {
    const report = await check(scratch({ [IDENTITY]: regionToPersonal }));
    expect(report.privacy).toContainEqual(expect.objectContaining({ kind: 'LEVEL_LOWERED', coordinate: 'Person.regionCode', message: 'Person.regionCode: level lowered SENSITIVE → PERSONAL' }));
    expect(report.exitCode).toBe(2);
    expect(report.problems.some((p) => p.includes('Person.regionCode (in full)'))).toBe(true);
    expect(formatReport(report)).toContain('privacy change: needs review');
  });

  it('flags the lowering as needing review when the lint no longer stops it (derivedFrom part dropped): exit 1, 0 once accepted', async () => {
    const root = scratch({ [IDENTITY]: (sdl) => regionToPersonal(sdl).replace('derivedFrom: ["regionCode", "birthDate"', 'derivedFrom: ["birthDate"') });
    const report = await check(root);
    expect(report.problems).toEqual([]);
    expect(report.exitCode).toBe(1);
    expect(report.privacy.map((p) => [p.kind, p.coordinate])).toEqual([
      ['DERIVED_FROM_REMOVED', 'Person.citizenIdNumber'],
      ['LEVEL_LOWERED', 'Person.regionCode'],
    ]);
    expect(report.changes).toEqual([]); // invisible to a schema diff: the API schema is the same
    const text = formatReport(report);
    expect(text).toContain('✗ privacy change: needs review\n  Person.citizenIdNumber: derivedFrom no longer lists regionCode');
    expect(text).toContain('result: FAIL: 2 privacy change(s) need review (exit 1)');

    const accepted = await check(root, { acceptPrivacyReview: true });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.privacyReviewAccepted).toBe(true);
    expect(formatReport(accepted)).toContain('✓ privacy change: needs review (accepted with --accept-privacy-review)');
  });

  it('flags a new PUBLIC field on Person, not a new PERSONAL one nor a PUBLIC one on a type about no one', async () => {
    const report = await check(
      scratch({
        [IDENTITY]: (sdl) =>
          sdl.replace(
            'type Person @key(fields: "id") {\n',
            'type Person @key(fields: "id") {\n  nickname: String @privacy(level: PUBLIC)\n  motto: String @privacy(level: PERSONAL)\n',
          ),
        [RECORDS]: (sdl) => sdl.replace(/(type CreditStatisticsCell[^{]*\{\n)/, '$1  note: String @privacy(level: PUBLIC)\n'),
      }),
    );
    expect(report.exitCode).toBe(1);
    expect(report.privacy.map((p) => [p.kind, p.coordinate])).toEqual([['PUBLIC_FIELD_ON_PERSON_TYPE', 'Person.nickname']]);
    expect(change(report, 'Person.nickname')).toMatchObject({ level: 'NON_BREAKING', type: 'FIELD_ADDED' });
  });

  it('flags a removed mask', async () => {
    const report = await check(scratch({ [IDENTITY]: (sdl) => sdl.replace('name: String @privacy(level: PERSONAL, mask: NAME)', 'name: String @privacy(level: PERSONAL)') }));
    expect(report.privacy.map((p) => [p.kind, p.coordinate, p.message])).toEqual([['MASK_REMOVED', 'Person.name', 'Person.name: mask NAME removed']]);
    expect(report.exitCode).toBe(1);
  });

  it('passes a raised level', async () => {
    const report = await check(scratch({ [RECORDS]: (sdl) => sdl.replace('  legalBasis: String @privacy(level: PERSONAL)', '  legalBasis: String @privacy(level: SENSITIVE)') }));
    expect(report.privacy).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});

describe('schema:check inputs', () => {
  it('matches globs within and across directories', () => {
    expect(globToRegExp('src/**/*.graphql').test('src/a/b/c.graphql')).toBe(true);
    expect(globToRegExp('src/**/*.graphql').test('src/c.graphql')).toBe(true);
    expect(globToRegExp('src/*.graphql').test('src/a/c.graphql')).toBe(false);
    expect(expandPattern('gateway/documents', REPO_ROOT).map((f) => relative(REPO_ROOT, f))).toContain('gateway/documents/unified-view.graphql');
  });

  it('refuses a registered pattern that matches no file', () => {
    const root = scratch();
    writeFileSync(join(root, 'ops.json'), JSON.stringify({ operations: [{ dashboard: 'console', files: 'console/missing/*.graphql' }] }));
    expect(() => loadOperations({ root, registry: join(root, 'ops.json') })).toThrow('operations console/missing/*.graphql (console) matches no file');
  });
});
