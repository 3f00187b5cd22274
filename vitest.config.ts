import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance: Apollo's CommonJS code requires graphql's CJS build, so ESM code must
    // import the same file, or schemas built by one are "from another realm" for the other.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['subgraphs/*/src/**/*.test.ts', 'gateway/src/**/*.test.ts', 'schema/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Subgraph tests that start a server without naming a key get this run's random one.
    // Redis and NATS only where a test asks for them (TEST_REDIS_URL, TEST_NATS_URL): a shell's REDIS_URL or NATS_URL must not move every test onto them.
    env: { NODE_ENV: 'test', SUBGRAPH_SIGNING_KEY: randomBytes(32).toString('hex'), REDIS_URL: '', NATS_URL: '' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
