/** What the core reports for operations dashboards; implemented with prom-client in `http/metrics.ts`. */
export interface Telemetry {
  probe(checkId: string, status: 'ok' | 'warn' | 'fail' | 'skip', latencyMs?: number): void;
  explanation(category: string, enriched: boolean): void;
  slackDelivery(method: string, outcome: 'ok' | 'retried' | 'failed'): void;
}

export const noTelemetry: Telemetry = {
  probe: () => undefined,
  explanation: () => undefined,
  slackDelivery: () => undefined,
};
