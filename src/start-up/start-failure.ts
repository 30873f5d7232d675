/**
 * A start-up failure that names its cause and what to change (a port in use, an unwritable DATA_DIR, Redis refusing
 * the credentials, Slack refusing a token). `main.ts` prints the message and exits 1. The message never carries a
 * secret: it names variables, never their values.
 */
export class StartupError extends Error {
  override name = 'StartupError';
  /** The underlying error's code (EADDRINUSE, SQLITE_CANTOPEN, WRONGPASS, invalid_auth, …), for the log line. */
  readonly code?: string;

  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  message?: unknown;
  data?: { error?: unknown };
  original?: { code?: unknown; message?: unknown };
}

const asErrorLike = (err: unknown): ErrorLike => (typeof err === 'object' && err !== null ? (err as ErrorLike) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A listen failure on one of the app's ports, as a StartupError; undefined when `err` is not one. */
export function listenFailure(err: unknown, variable: 'PORT' | 'METRICS_PORT', port: number, host: string | undefined): StartupError | undefined {
  const e = asErrorLike(err);
  const where = `${host ?? 'every interface'} port ${port} (${variable})`;
  switch (e.code) {
    case 'EADDRINUSE':
      return new StartupError(`${where} is already in use: another process listens there; stop it or set ${variable} to a free port`, 'EADDRINUSE');
    case 'EACCES':
      return new StartupError(`not allowed to listen on ${where}: ports below 1024 need privileges; use a port above 1024`, 'EACCES');
    case 'EADDRNOTAVAIL':
      return new StartupError(`cannot listen on ${where}: the address is not one of this machine's (${variable === 'PORT' ? 'HOST' : 'METRICS_HOST'})`, 'EADDRNOTAVAIL');
    // The host is a name the resolver does not know (or not an address at all: 999.1.1.1 is looked up as a name).
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new StartupError(`cannot listen on ${where}: ${JSON.stringify(host ?? '')} is not an address of this machine nor a name that resolves (${variable === 'PORT' ? 'HOST' : 'METRICS_HOST'}); use an IP address such as 0.0.0.0 or 127.0.0.1`, e.code);
    default:
      return undefined;
  }
}

/** The embedded store could not be opened in DATA_DIR. */
export function storeFailure(err: unknown, dataDir: string): StartupError {
  const e = asErrorLike(err);
  const code = text(e.code) ?? 'unknown';
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOSPC: 'no space left on the device',
    SQLITE_CANTOPEN: 'the database file cannot be created or opened there',
    SQLITE_READONLY: 'the database file is read-only',
    SQLITE_IOERR: 'an I/O error in the database file',
    SQLITE_FULL: 'no space left on the device',
  };
  return new StartupError(
    `cannot open the store in DATA_DIR ${JSON.stringify(dataDir)}: ${why[code] ?? text(e.message) ?? code}. DATA_DIR must be a directory the app's user can write (in the container, a volume owned by uid 1000)`,
    code,
  );
}

/** Slack refused or could not be reached during start-up (auth.test, Socket Mode's apps.connections.open). */
export function slackFailure(err: unknown, mode: 'socket' | 'http'): StartupError | undefined {
  const e = asErrorLike(err);
  const tokens = mode === 'socket' ? 'SLACK_BOT_TOKEN and SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
  if (e.code === 'slack_webapi_platform_error') {
    const error = text(e.data?.error) ?? 'unknown_error';
    return new StartupError(`Slack refused the app's token (${error}): check ${tokens}`, error);
  }
  if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') {
    const cause = text(e.original?.code) ?? text(e.original?.message) ?? text(e.message) ?? String(e.code);
    return new StartupError(`cannot reach Slack's Web API (${cause}): check SLACK_API_URL and the network`, String(e.code));
  }
  return undefined;
}
