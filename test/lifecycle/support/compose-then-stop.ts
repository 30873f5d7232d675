/**
 * Run as a child process by exits-by-itself.test.ts: composes the whole app from the environment (REDIS_URL, the
 * monitor and METRICS_PORT on), uses the shared Redis client through a status report and a monitor round, stops it,
 * prints what is still active, and returns. Nothing here calls process.exit: the process must end by itself.
 */
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { compose } from '../../../src/compose.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: 'warn', secrets: [config.anthropic.apiKey] }, process.stderr);
const app = await compose(config, { logger, host: '127.0.0.1' });
const report = await app.core.status.report();
await app.monitoring?.monitor.runOnce();
await app.stop();
// What is still active (a timer, a socket, or handles being closed): the parent shows it when the process hangs.
process.stdout.write(`${JSON.stringify({ verdict: report.verdict, active: process.getActiveResourcesInfo() })}\n`);
