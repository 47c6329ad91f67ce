import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-redis-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration suites share one Redis server but each uses its own key
    // prefix, so files may run in parallel.
    fileParallelism: true,
  },
});
