import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS, entryPointMatrixMarkdown, entryPointVerdict, PURPOSE_ENTRIES } from './entry-points.js';
import { PURPOSES, type Purpose } from './roles.js';

const supergraph = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const queryFields = () => Object.keys(buildASTSchema(parse(supergraph), { assumeValid: true, assumeValidSDL: true }).getQueryType()!.getFields()).sort();

const call = (name: string, args: Record<string, unknown> = {}) => ({ name, args });
const SINGLE_SUBJECT: Purpose[] = ['ADMINISTRATIVE_LICENSING', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT', 'AUTHORIZED_QUERY', 'SELF_ACCESS'];

describe('ENTRY_POINTS', () => {
  it('names every root Query field of the supergraph, and nothing else', () => {
    expect(Object.keys(ENTRY_POINTS).sort()).toEqual(queryFields());
  });

  it('binds every purpose', () => {
    expect(Object.keys(PURPOSE_ENTRIES).sort()).toEqual([...PURPOSES].sort());
    expect(SINGLE_SUBJECT.every((p) => PURPOSE_ENTRIES[p].singleSubject)).toBe(true);
  });
});

describe('entryPointVerdict', () => {
  it.each(SINGLE_SUBJECT)('%s: person listings are BULK, one lookup passes, two persons are BULK', (purpose) => {
    expect(entryPointVerdict(purpose, [call('persons', { first: 100 })])).toEqual({ allowed: false, reason: 'BULK', field: 'persons' });
    expect(entryPointVerdict(purpose, [call('overdueObjections')])).toMatchObject({ allowed: false, reason: 'BULK' });
    expect(entryPointVerdict(purpose, [call('creditRecordChanges')])).toMatchObject({ allowed: false, reason: 'BULK' });
    expect(entryPointVerdict(purpose, [call('personByCitizenIdNumber', { citizenIdNumber: '11010519491231002x' })])).toEqual({ allowed: true });
    expect(
      entryPointVerdict(purpose, [call('personByCitizenIdNumber', { citizenIdNumber: '11010519491231002X' }), call('personByCitizenIdNumber', { citizenIdNumber: '440524188001010014' })]),
    ).toMatchObject({ allowed: false, reason: 'BULK' });
    // The same person twice (a lookup and its measure check) is one person.
    expect(entryPointVerdict(purpose, [call('person', { id: 'p-1' }), call('measureCheck', { personId: 'p-1', measure: 'FAST_TRACK' })])).toEqual({ allowed: true });
    expect(entryPointVerdict(purpose, [call('creditStatistics', { groupBy: [] })])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
  });

  it('lets review purposes reach their own queues and lookups, not listings or the other queue', () => {
    expect(entryPointVerdict('OBJECTION_REVIEW', [call('openObjections'), call('overdueObjections'), call('person', { id: 'a' }), call('person', { id: 'b' })])).toEqual({ allowed: true });
    expect(entryPointVerdict('OBJECTION_REVIEW', [call('submittedRepairs')])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
    expect(entryPointVerdict('CREDIT_REPAIR_REVIEW', [call('submittedRepairs')])).toEqual({ allowed: true });
    expect(entryPointVerdict('OBJECTION_REVIEW', [call('persons')])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
  });

  it('lets AUDIT list, STATISTICS reach aggregates only, and refuses an unknown root field', () => {
    const audited = Object.entries(ENTRY_POINTS).filter(([, e]) => e.kind !== 'QUEUE' && e.kind !== 'OWN_LOG');
    expect(entryPointVerdict('AUDIT', audited.map(([name]) => call(name)))).toEqual({ allowed: true });
    expect(entryPointVerdict('AUDIT', [call('openObjections')])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
    expect(entryPointVerdict('AUDIT', [call('myAccessLog')])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
    // The refusal names the field by the key the client used.
    expect(entryPointVerdict('AUDIT', [{ name: 'openObjections', key: 'queue', args: {} }])).toMatchObject({ field: 'queue' });
    expect(entryPointVerdict('STATISTICS', [call('creditStatistics'), call('measures')])).toEqual({ allowed: true });
    expect(entryPointVerdict('STATISTICS', [call('person', { id: 'a' })])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
    expect(entryPointVerdict('AUDIT', [call('everyone')])).toMatchObject({ allowed: false, reason: 'ENTRY_POINT' });
    expect(entryPointVerdict('STATISTICS', [call('__schema'), call('__type')])).toEqual({ allowed: true });
  });
});

describe('the README', () => {
  it('shows entryPointMatrixMarkdown()', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme.includes(entryPointMatrixMarkdown()), 'README.md must contain entryPointMatrixMarkdown() verbatim').toBe(true);
  });
});
