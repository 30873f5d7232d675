import type { IncomingMessage, ServerResponse } from 'node:http';

/** A plain HTTP route; structurally the same as Bolt's `CustomRoute`, so it serves in both connection modes. */
export interface OpsRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface OpsDeps {
  /** Readiness: Slack connected, store open. Each entry names a dependency and whether it is up. */
  readiness: () => Promise<Record<string, boolean>>;
  /** Prometheus exposition, when metrics are on. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** `/healthz` (the process is alive), `/readyz` (it can do its job) and, when given, `/metrics`. */
export function createOpsRoutes(deps: OpsDeps): OpsRoute[] {
  const routes: OpsRoute[] = [
    { path: '/healthz', method: ['GET', 'HEAD'], handler: (_req, res) => send(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: ['GET', 'HEAD'],
      handler: (_req, res) => {
        deps.readiness().then(
          (checks) => {
            const ready = Object.values(checks).every(Boolean);
            send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
          },
          (err: unknown) => send(res, 503, { status: 'not ready', error: String(err) }),
        );
      },
    },
  ];
  const metrics = deps.metrics;
  if (metrics) {
    routes.push({
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        metrics().then(
          ({ contentType, body }) => send(res, 200, body, contentType),
          (err: unknown) => send(res, 500, { error: String(err) }),
        );
      },
    });
  }
  return routes;
}
