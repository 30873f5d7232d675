import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that hold a budget of CPU time measured with process.cpuUsage(), which counts every thread of the process: in
 * a worker thread it would count the test files running beside it too, so these run in child processes of their own.
 */
const CPU_BUDGET = ['test/secrets/scrub-secrets.fuzz.test.ts', 'test/explain/parser-fuzz.test.ts'];

// Real HTTP servers on loopback: give slow shared machines room, but never hang CI.
const timeouts = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    // The run's directory for the one build of the app (what `npm start` runs) that the tests starting it as a process
    // share. Only here, in the root: the projects below do not extend it, so it runs once, and they inherit what it provides.
    globalSetup: ['test/global-setup.ts'],
    // One worker per core (vitest's default leaves one core free: on two cores, one file at a time). Much of the suite
    // waits on loopback servers and child processes, so a second file's work fills the first one's waits.
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...CPU_BUDGET],
          ...timeouts,
          // Worker threads sharing the module cache between the files they run (isolate: false): a file pays for its
          // own imports only, not for loading src/, the SDKs and Bolt again. No test file changes process-wide state
          // (process.env, process handlers, the clock, module mocks); prom-client is used with a registry per app.
          pool: 'threads',
          isolate: false,
        },
      },
      { test: { name: 'cpu-budget', include: CPU_BUDGET, ...timeouts, pool: 'forks' } },
    ],
  },
});
