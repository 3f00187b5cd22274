import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedChange } from './export.js';
import { caller, deliver, objectionDecided, repairApproved, startTestRecords, submitRecord } from './testing.js';

const TODAY = '2026-11-21T10:00:00+08:00';
const cli = fileURLToPath(new URL('./cli/export.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'records-export-'));
let location: string;
let drop: () => Promise<void>;
/** The feed as GraphQL gives it to an INTERNAL reader, in the export's shape. */
let graphqlFeed: ExportedChange[];

const FACTS = `id subject { id } kind severity domain category penaltyTypes regionCode determiningAuthority documentNumber legalBasis
  decidedOn summary publicityEndsOn minimumPublicityEndsOn publicityRegime`;
const FEED = `query($after: String) { creditRecordChanges(after: $after, first: 4) {
  edges { cursor node { sequence change reason recordId effectiveOn recordedAt record { ${FACTS} } } } pageInfo { hasNextPage endCursor } } }`;

type Node = Omit<ExportedChange, 'cursor' | 'record'> & { record: ({ subject: { id: string } } & Record<string, unknown>) | null };

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  // The CLI is another process: an embedded database must live in a directory, and be closed here first.
  location = fresh.location.startsWith('pglite:') ? `pglite:${join(dir, 'db')}` : fresh.location;
  const { records, clock, close } = await startTestRecords('2026-11-20T10:00:00+08:00', location);
  try {
    // Published on 2026-11-20, ends 2026-11-21: the first read today ends it by expiry.
    await submitRecord(records, { decidedOn: '2023-11-21' });
    clock.set(TODAY);
    const repaired = await submitRecord(records, { severity: 'SERIOUS' });
    await submitRecord(records, { severity: 'MINOR' });
    const corrected = await submitRecord(records, { penaltyTypes: ['WARNING', 'FINE'] });
    await submitRecord(records, { kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR' });
    await deliver(records, [repairApproved(repaired.id, '2026-11-21')]);
    await deliver(records, [objectionDecided(corrected.id, '2026-11-21', { correction: { severity: 'SERIOUS' } })]);

    graphqlFeed = [];
    let after: string | null = null;
    for (;;) {
      const result = await records.execute(FEED, { after }, caller('CREDIT_OFFICE', 'JOINT_PUNISHMENT'));
      expect(result.errors).toBeUndefined();
      const page = result.data?.creditRecordChanges as { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      for (const { cursor, node } of page.edges) {
        const { subject, ...facts } = node.record ?? { subject: { id: '' } };
        graphqlFeed.push({ cursor, ...node, record: node.record && ({ ...facts, subjectId: subject.id } as ExportedChange['record']) });
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  } finally {
    await close();
  }
});
afterAll(async () => {
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, RECORDS_DATABASE_URL: location, CREDIT_CLOCK: TODAY, NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  return { status: result.status, changes: lines.map((line) => JSON.parse(line) as ExportedChange), stderr: result.stderr };
}

describe('npm run export', () => {
  it('writes the same changes as the GraphQL feed, then the cursor to resume from', () => {
    expect(graphqlFeed.map((c) => [c.change, c.reason])).toEqual([
      ['PUBLICATION_STARTED', null],
      ['PUBLICATION_STARTED', null],
      ['PUBLICATION_STARTED', null],
      ['PUBLICATION_STARTED', null],
      ['PUBLICATION_ENDED', 'REPAIRED'],
      ['PUBLICATION_ENDED', 'CORRECTED'],
      ['PUBLICATION_STARTED', null],
      ['PUBLICATION_ENDED', 'EXPIRED'],
    ]);
    // The facts of the records still published: the positive record and the corrected copy.
    expect(graphqlFeed.filter((c) => c.record).map((c) => c.record?.severity)).toEqual([null, 'SERIOUS']);
    // The corrected copy keeps its decision's penalty types; the feed and the export both carry them.
    expect(graphqlFeed.filter((c) => c.record).map((c) => c.record?.penaltyTypes)).toEqual([[], ['WARNING', 'FINE']]);

    const all = run();
    expect(all.status).toBe(0);
    expect(all.changes).toEqual(graphqlFeed);
    // Nothing but the cursor on stderr: no personal data in what gets logged.
    expect(all.stderr).toBe(`${graphqlFeed.at(-1)!.cursor}\n`);
  });

  it('resumes from --after, --first changes at a time, each change once', () => {
    const exported: ExportedChange[] = [];
    let after: string | null = null;
    for (let runs = 0; runs < 10; runs++) {
      const next = run('--first', '3', ...(after ? ['--after', after] : []));
      expect(next.status).toBe(0);
      expect(next.changes.length).toBeLessThanOrEqual(3);
      exported.push(...next.changes);
      const cursor = next.stderr.trim();
      if (next.changes.length === 0) {
        // Caught up: the cursor given is handed back.
        expect(cursor).toBe(after);
        break;
      }
      after = cursor;
    }
    expect(exported).toEqual(graphqlFeed);
  });

  it('refuses a forged cursor or a bad --first with exit code 2', () => {
    for (const args of [['--after', 'nope'], ['--first', '0'], ['--first', 'ten']]) {
      const refused = run(...args);
      expect(refused.status).toBe(2);
      expect(refused.changes).toEqual([]);
      expect(refused.stderr).toContain('usage:');
    }
  });
});
