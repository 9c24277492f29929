import { defineConfig } from 'vitest/config';

// The service suite: the store contract on real Redis and PostgreSQL, cross-process single use,
// restarts, and the browser test. Run through test/services/start.sh (`npm run test:services`),
// which starts the servers; `npm test` excludes these files.
export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The files share one Redis and one PostgreSQL and restart them: one file at a time.
    fileParallelism: false,
  },
});
