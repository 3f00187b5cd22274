/**
 * Department events on NATS JetStream (issue 14, point 5), the whole system on this machine's
 * NATS server (a stream of this test's own, deleted after): decisions made while the records
 * department is down wait in the stream and are applied once, in order, when it returns.
 */
import { connectEventBus, selectRows } from '@credit/kit';
import { freshNatsConfig } from '@credit/kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type CallAs, type System } from './harness.js';
import { recordInput, submitter } from './queries.js';

let nats: ReturnType<typeof freshNatsConfig>;
let system: System;

beforeAll(async () => {
  nats = freshNatsConfig();
  system = await startSystem({ now: '2027-06-01T10:00:00+08:00', restartable: true, subgraphs: { events: nats } });
});
afterAll(async () => {
  await system?.close();
  await nats?.drop();
});

async function ok(query: string, variables: Record<string, unknown>, as?: CallAs) {
  const body = await system.graphql(query, variables, as);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/** What the records department's durable consumer has not yet taken, asked of JetStream itself. */
async function waitingForRecords(): Promise<number> {
  const bus = await connectEventBus(nats);
  try {
    return (await bus.jsm.consumers.info(nats.stream, 'records')).num_pending;
  } finally {
    await bus.close();
  }
}

describe('department events on NATS JetStream', () => {
  it('carries record.changed to the projections without the HTTP relay', async () => {
    expect(system.subgraphs.disputes.events).toBeDefined();
    expect(system.subgraphs.incentives.events).toBeDefined();
    // Records subscribes too (to disputes' events); identity subscribes to nothing.
    expect(system.subgraphs.records.events).toBeDefined();
    expect(system.subgraphs.identity.events).toBeUndefined();
  });

  it('a department down while decisions are made catches up once when it returns, each record\'s events in order', async () => {
    const office = (purpose: string) => system.token({ role: 'CREDIT_OFFICE', sub: 'office-nats', department: 'credit-office' }).then((token) => ({ token, purpose }));
    const registered = await ok(`mutation { registerPerson(input: { name: "赵六", citizenIdNumber: "11010519491231002X" }) { id } }`, {});
    const personId = registered.registerPerson.id;
    const citizen = { token: await system.token({ role: 'CITIZEN', sub: 'citizen-nats', personId }), purpose: 'SELF_ACCESS' };
    const submit = async (overrides: Record<string, unknown>) =>
      (
        await ok(
          `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`,
          { input: recordInput(personId, overrides) },
          await submitter(system),
        )
      ).submitCreditRecord.id as string;
    const repaired = await submit({ severity: 'GENERAL', decidedOn: '2026-12-01' });
    const objected = await submit({ severity: 'GENERAL', decidedOn: '2027-02-01' });
    await system.drain();
    const repair = await ok(
      `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id } }`,
      { input: { recordId: repaired, basis: 'PENALTY_PAID', evidence: ['缴款凭证'], creditPledge: '诚信承诺', pledgeAccepted: true } },
      await office('CREDIT_REPAIR_REVIEW'),
    );

    await system.stop('records');
    // While records is away: a repair approved, and an objection filed and then rejected, about two of its records.
    const approved = await ok(`mutation($id: ID!) { decideRepair(id: $id, outcome: APPROVED) { status } }`, { id: repair.fileRepairApplication.id }, await office('CREDIT_REPAIR_REVIEW'));
    expect(approved.decideRepair.status).toBe('APPROVED');
    const filed = await ok(
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: objected, reasons: '处罚依据的事实有误' } },
      citizen,
    );
    await ok(
      `mutation($id: ID!) { decideObjection(id: $id, outcome: REJECTED, reasons: "经核查，事实清楚") { status } }`,
      { id: filed.fileObjection.id },
      await office('OBJECTION_REVIEW'),
    );
    // Published (the outbox is done with them); they wait in the stream for records' consumer.
    await system.subgraphs.disputes.relay!.drain();
    expect(await system.subgraphs.disputes.relay!.pending()).toBe(0);
    expect(await waitingForRecords()).toBe(3);

    await system.start('records');
    await system.drain();
    expect(await waitingForRecords()).toBe(0);

    const records = system.subgraphs.records.database.db;
    // Once: each of disputes' three events is in records' inbox once, and applied once.
    const sent = await selectRows<{ id: number; type: string }>(
      system.subgraphs.disputes.database.db,
      sql`select id, type from disputes.outbox where destination = 'records' and (payload->>'recordId' = ${repaired} or payload->>'recordId' = ${objected}) order by id`,
    );
    expect(sent.map((e) => e.type)).toEqual(['repair.approved', 'objection.filed', 'objection.decided']);
    const inbox = await selectRows<{ event_id: number }>(records, sql`select event_id from records.inbox where source = 'disputes' and event_id in (${sql.join(sent.map((e) => sql`${e.id}`), sql`, `)}) order by event_id`);
    expect(inbox.map((r) => Number(r.event_id))).toEqual(sent.map((e) => Number(e.id)));
    const told = await selectRows<{ n: number }>(
      records,
      sql`select count(*)::int as n from records.outbox where type = 'record.changed' and payload->>'id' = ${repaired} and payload->>'status' = 'REPAIRED'`,
    );
    expect(told[0]!.n).toBe(2);

    // In order: filed then rejected leaves the record ACTIVE and no longer under objection.
    const auditor = { token: await system.token({ role: 'AUDITOR', sub: 'auditor-nats' }), purpose: 'AUDIT' };
    const read = `query($id: ID!) { creditRecord(id: $id) { status underObjection } }`;
    expect((await ok(read, { id: repaired }, auditor)).creditRecord.status).toBe('REPAIRED');
    expect((await ok(read, { id: objected }, auditor)).creditRecord).toEqual({ status: 'ACTIVE', underObjection: false });
    // And the projections followed records' own events, over NATS as well.
    const facts = await selectRows<{ status: string }>(system.subgraphs.incentives.database.db, sql`select status from incentives.record_facts where id = ${repaired}`);
    expect(facts).toEqual([{ status: 'REPAIRED' }]);
  });
});
