import { readFileSync } from 'node:fs';
import { TRUSTED_DOCUMENTS_DIR } from '@credit/gateway/trusted-documents';
import { DEMO_DATASET, syntheticSlice } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { auditor, PERSON_FIELDS, UNIFIED_VIEW, UNIFIED_VIEW_PAGE } from './queries.js';

let system: System;
beforeAll(async () => {
  system = await startSystem({ dataset: DEMO_DATASET });
});
afterAll(() => system?.close());

const demoPerson = (index: number) => syntheticSlice(DEMO_DATASET, index);

describe('unified credit view through the gateway', () => {
  it('assembles one person from all four subgraphs', async () => {
    const { person, records, objections, repairs } = demoPerson(2);
    const result = await system.graphql(`query($n: String!) { personByCitizenIdNumber(citizenIdNumber: $n) { ${PERSON_FIELDS} } }`, {
      n: person.citizenIdNumber,
    });
    expect(result.errors).toBeUndefined();
    const view = result.data!.personByCitizenIdNumber;
    expect(view).toMatchObject({ id: person.id, name: person.name, citizenIdNumber: person.citizenIdNumber, regionCode: person.regionCode });
    const active = view.creditRecords.edges.map((e: any) => e.node);
    expect(active.every((r: any) => r.status === 'ACTIVE')).toBe(true);
    expect(active.map((r: any) => r.id)).toEqual(expect.arrayContaining(records.filter((r) => r.severity === 'SERIOUS').map((r) => r.id)));
    expect(view.onSeriousDishonestyList).toBe(true);
    expect(view.eligibility.fastTrack).toBe(false);
    expect(view.objections.map((o: any) => o.id).sort()).toEqual(objections.map((o) => o.id).sort());
    expect(view.repairs.map((r: any) => r.id).sort()).toEqual(repairs.map((r) => r.id).sort());
    const { value, contributions } = view.integrityScore;
    expect(value).toBe(1000 + contributions.reduce((sum: number, c: any) => sum + c.points, 0));
    // The score counts exactly the records the person view shows as active.
    expect(contributions.map((c: any) => c.recordId).sort()).toEqual(active.map((r: any) => r.id).sort());
  });

  it('shows objections on the record and flags it under objection (through the outbox)', async () => {
    const slice = Array.from({ length: DEMO_DATASET.persons }, (_, i) => demoPerson(i)).find((s) => s.objections.length > 0)!;
    const objection = slice.objections[0]!;
    const result = await system.graphql(`query($id: ID!) { creditRecord(id: $id) { id underObjection objections { id reasons subject { id } } } }`, {
      id: objection.recordId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.creditRecord).toMatchObject({
      underObjection: true,
      objections: [{ id: objection.id, reasons: objection.reasons, subject: { id: slice.person.id } }],
    });
  });

  it('answers a page of unified views without errors and pages on', async () => {
    // A page of all persons is an audit listing: AUDIT is the purpose whose entry points list persons.
    const as = await auditor(system);
    const first = await system.graphql(UNIFIED_VIEW_PAGE, { first: 25 }, as);
    expect(first.errors).toBeUndefined();
    expect(first.data!.persons.edges).toHaveLength(25);
    const second = await system.graphql(UNIFIED_VIEW_PAGE, { first: 25, after: first.data!.persons.pageInfo.endCursor }, as);
    const ids = new Set([...first.data!.persons.edges, ...second.data!.persons.edges].map((e: any) => e.node.id));
    expect(ids.size).toBe(50);
  });

  it('pages the objection review queue, oldest first, with each subject\'s unified view (review-queue dashboard document)', async () => {
    const document = readFileSync(`${TRUSTED_DOCUMENTS_DIR}/review-queue.graphql`, 'utf8');
    // Every seeded objection is SUBMITTED, so open: the queue is all of them by due date, i.e. by filing date, then id.
    const slices = Array.from({ length: DEMO_DATASET.persons }, (_, i) => demoPerson(i));
    const queue = slices
      .flatMap((s) => s.objections.map((o) => ({ ...o, person: s.person })))
      .sort((a, b) => (a.filedOn === b.filedOn ? (a.id < b.id ? -1 : 1) : a.filedOn < b.filedOn ? -1 : 1));
    expect(queue.length).toBeGreaterThan(40);
    // The harness's default caller: the credit office reviewing objections, whose entry points include its queue.
    const first = await system.graphql(document, {});
    expect(first.errors).toBeUndefined();
    const second = await system.graphql(document, { after: first.data!.openObjections.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    const nodes = [...first.data!.openObjections.edges, ...second.data!.openObjections.edges].map((e: any) => e.node);
    expect(nodes.map((n: any) => n.id)).toEqual(queue.slice(0, 40).map((o) => o.id));
    for (const [i, node] of nodes.entries()) {
      const { person, recordId } = queue[i]!;
      expect(node).toMatchObject({ status: 'SUBMITTED', record: { id: recordId } });
      expect(node.subject).toMatchObject({ id: person.id, name: person.name, citizenIdNumber: person.citizenIdNumber, birthDate: person.birthDate });
      expect(node.subject.objections.map((o: any) => o.id)).toContain(node.id);
      expect(node.subject.integrityScore.value).toEqual(expect.any(Number));
    }
  });

  it('answers person(id) with null for an unknown id', async () => {
    const result = await system.graphql(UNIFIED_VIEW, { id: '00000000-0000-4000-8000-000000000000' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.person).toBeNull();
  });
});
