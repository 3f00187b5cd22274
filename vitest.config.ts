import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['subgraphs/*/src/**/*.test.ts', 'gateway/src/**/*.test.ts', 'schema/src/**/*.test.ts', 'test/**/*.test.ts'],
    env: { NODE_ENV: 'test' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
