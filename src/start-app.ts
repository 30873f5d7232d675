import type { Config } from './config/load-config.js';
import { compose, type ComposedApp, type ComposeDeps } from './compose.js';

export type AppDeps = Omit<ComposeDeps, 'parts'> & { config: Config };
export type RunningApp = ComposedApp;

/** The whole app from `compose` (the end-to-end tests' entry, test/support/start-test-app.ts, calls it so). */
export const startApp = ({ config, ...deps }: AppDeps): Promise<RunningApp> => compose(config, deps);
