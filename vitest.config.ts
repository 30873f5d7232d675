import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Builds the app once (what `npm start` runs) for the tests that start it as a process.
    globalSetup: ['test/global-setup.ts'],
    // Real HTTP servers on loopback: give slow shared machines room, but never hang CI.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
