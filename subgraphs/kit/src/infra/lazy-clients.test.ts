/**
 * On the embedded default (no REDIS_URL, no NATS_URL) a process never loads ioredis or the NATS
 * libraries: loading them cost each of `npm start`'s five processes about 0.15 s of CPU at start.
 * They are CommonJS, so a loaded one is in node's require cache; checked in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** The Redis and NATS client packages in the require cache after `script` ran in a fresh process. */
function clientsLoadedBy(script: string): string[] {
  const program = `${script}
const { createRequire } = await import('node:module');
const cache = Object.keys(createRequire(process.cwd() + '/').cache);
console.log(JSON.stringify([...new Set(cache.flatMap((file) => /node_modules\\/(ioredis|@nats-io\\/[^/]+)\\//.exec(file)?.[1] ?? []))].sort()));
process.exit(0);`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: root, encoding: 'utf8', env: { ...process.env, REDIS_URL: '', NATS_URL: '' } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as string[];
}

describe('Redis and NATS clients are loaded only when configured', () => {
  it('the kit, a department and the gateway load neither', () => {
    expect(clientsLoadedBy("await import('@credit/kit'); await import('@credit/records/server'); await import('@credit/gateway/server');")).toEqual([]);
  });

  it('connecting loads them (the check sees a loaded client)', () => {
    const loaded = clientsLoadedBy(
      "const kit = await import('@credit/kit'); await kit.connectRedis('redis://127.0.0.1:1', 'x:', 200).catch(() => {}); await kit.connectEventBus({ servers: '127.0.0.1:1', stream: 's', subjectPrefix: 'p' }).catch(() => {});",
    );
    expect(loaded).toEqual(expect.arrayContaining(['@nats-io/jetstream', '@nats-io/transport-node', 'ioredis']));
  });
});
