import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Runtime-matrix and external-suite tests are driven by .ci/run, not by `npm test`; the
    // service suite (real Redis, PostgreSQL, Chromium) by test/services/start.sh.
    exclude: ['test/runtime/**', 'node_modules/**', 'test/services/**'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
