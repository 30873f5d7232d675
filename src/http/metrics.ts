import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ResilienceEvent, ResilienceSnapshot } from '../ports/claude-api.js';
import type { Telemetry } from '../ports/telemetry.js';

export interface MetricsDeps {
  resilience: () => ResilienceSnapshot;
  onResilienceEvent: (listener: (event: ResilienceEvent) => void) => void;
  /** Read at scrape time from the store, so acknowledgements and resolutions between rounds show at once. */
  openIncidents?: () => Promise<number>;
}

const BREAKER_STATE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * Prometheus metrics (prom-client, own registry). Gauges are read at scrape time from the live snapshots, so they
 * are never stale; counters come from events. The breaker is exposed from its events (opossum-prometheus needs
 * Node 22 and has no state gauge).
 */
export function createMetrics(deps: MetricsDeps): { telemetry: Telemetry; expose(): Promise<{ contentType: string; body: string }> } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'claude_status_' });
  const probes = new Counter({ name: 'claude_status_probe_results_total', help: 'Probe results by check and status', labelNames: ['check', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'claude_status_probe_latency_seconds', help: 'Probe latency by check', labelNames: ['check'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const explanations = new Counter({ name: 'claude_status_explanations_total', help: 'Error explanations served', labelNames: ['category', 'enriched'], registers: [registry] });
  const deliveries = new Counter({ name: 'claude_status_slack_deliveries_total', help: 'Slack Web API deliveries by outcome', labelNames: ['method', 'outcome'], registers: [registry] });
  const breakerEvents = new Counter({ name: 'claude_status_breaker_transitions_total', help: 'Circuit breaker transitions', labelNames: ['state'], registers: [registry] });
  new Gauge({
    name: 'claude_status_breaker_state', help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open', registers: [registry],
    collect() { this.set(BREAKER_STATE[deps.resilience().breaker.state]); },
  });
  const lane = (name: string, help: string, pick: (s: ResilienceSnapshot['limiter']['lanes']['messages']) => number | undefined) =>
    new Gauge({
      name, help, labelNames: ['lane'], registers: [registry],
      collect() {
        for (const [id, snapshot] of Object.entries(deps.resilience().limiter.lanes)) {
          const value = pick(snapshot);
          if (value !== undefined) this.set({ lane: id }, value);
        }
      },
    });
  lane('claude_status_limiter_queued', 'Claude calls waiting in the limiter', (s) => s.queued);
  lane('claude_status_limiter_running', 'Claude calls in flight', (s) => s.running);
  lane('claude_status_limiter_dropped', 'Claude calls refused because the queue was full (since start)', (s) => s.dropped);
  lane('claude_status_limiter_effective_rpm', 'Requests a minute the limiter paces at now', (s) => s.effectiveRpm);
  lane('claude_status_ratelimit_requests_remaining', 'Requests remaining as the API last reported', (s) => s.apiRemaining?.requests);
  lane('claude_status_ratelimit_input_tokens_remaining', 'Input tokens remaining as the API last reported', (s) => s.apiRemaining?.inputTokens);
  lane('claude_status_ratelimit_output_tokens_remaining', 'Output tokens remaining as the API last reported', (s) => s.apiRemaining?.outputTokens);
  new Gauge({
    name: 'claude_status_rate_limited_total', help: '429 answers seen from the API (since start)', registers: [registry],
    collect() { this.set(deps.resilience().limiter.rateLimited); },
  });
  new Gauge({
    name: 'claude_status_open_incidents', help: 'Incidents open now', registers: [registry],
    async collect() { this.set((await deps.openIncidents?.()) ?? 0); },
  });
  deps.onResilienceEvent((event) => {
    if (event.type === 'breaker') breakerEvents.inc({ state: event.state });
  });
  return {
    telemetry: {
      probe(check, status, latencyMs) {
        probes.inc({ check, status });
        if (latencyMs !== undefined) latency.observe({ check }, latencyMs / 1000);
      },
      explanation: (category, enriched) => explanations.inc({ category, enriched: String(enriched) }),
      slackDelivery: (method, outcome) => deliveries.inc({ method, outcome }),
    },
    async expose() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
