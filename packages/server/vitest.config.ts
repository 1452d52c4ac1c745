import { defineConfig } from 'vitest/config';

// The server suite (`node scripts/test.mjs server`): real PGlite always, real PostgreSQL too when
// DATABASE_URL is set. Files run in separate processes, two at a time; each file opens one PGlite.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['packages/server/test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['packages/server/test/global-setup.ts'],
  },
});
