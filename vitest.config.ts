import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/dsl/test/**/*.test.ts', 'packages/store/node-test/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 30000,
    globalSetup: ['packages/dsl/test/global-setup.ts', 'packages/store/node-test/global-setup.ts'],
  },
});
