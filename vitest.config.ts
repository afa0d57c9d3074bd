import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'coach/**/*.test.ts', 'bots/**/*.test.ts', 'electron/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Starts the real Prometheus lab the query tests share (only when the run includes them).
    globalSetup: ['test/support/prom-lab.ts'],
  },
});
