/** The slice of pino the monitor uses, so tests can pass a collecting logger without pino. */
export interface MonitorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: MonitorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
