import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Real HTTP servers on loopback: give slow shared machines room, but never hang CI.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
