import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Runtime-matrix and external-suite tests are driven by .ci/run, not by `npm test`.
    exclude: ['test/runtime/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
