import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ResilienceEvent, ResilienceSnapshot } from '../ports/claude-api.js';
import type { Telemetry } from '../ports/telemetry.js';

export interface MetricsDeps {
  resilience: () => ResilienceSnapshot;
  onResilienceEvent: (listener: (event: ResilienceEvent) => void) => void;
}

export interface Metrics {
  telemetry: Telemetry;
  /**
   * Sets the open-incidents gauge. The app calls it when the count may have changed (a round committed, the store
   * opened), so a scrape never reads the store.
   */
  setOpenIncidents(count: number): void;
  expose(): Promise<{ contentType: string; body: string }>;
}

const BREAKER_STATE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * A counter fed from a running total that another part keeps (the limiter counts its 429s and drops since start):
 * at each scrape it is advanced by what the total grew since the last one, so it only ever goes up.
 */
type FeedTotal = (labels: Record<string, string>, total: number) => void;

function counterFromTotal(counter: Counter<string>): FeedTotal {
  const seen = new Map<string, number>();
  return (labels, total) => {
    const key = JSON.stringify(labels);
    const grew = total - (seen.get(key) ?? 0);
    if (grew > 0 || !seen.has(key)) counter.inc(labels, Math.max(grew, 0));
    seen.set(key, total); // a total that went down (its source restarted) is counted on from its new value
  };
}

/**
 * Prometheus metrics (prom-client, own registry), checked by `promtool check metrics` on a live scrape in CI.
 * Everything is answered from memory: gauges read the limiter and breaker snapshots at scrape time, counters come
 * from events or from the limiter's running totals, and the open-incidents gauge is set by the app (`setOpenIncidents`)
 * instead of being read from the store per scrape. The breaker is exposed from its events (opossum-prometheus has no
 * state gauge).
 */
export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'claude_status_' });
  // prom-client names three of its gauges like counters; the same figures remain by type in the series without _total.
  for (const total of ['active_handles_total', 'active_requests_total', 'active_resources_total']) registry.removeSingleMetric(`claude_status_nodejs_${total}`);
  const probes = new Counter({ name: 'claude_status_probe_results_total', help: 'Probe results by check and status', labelNames: ['check', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'claude_status_probe_latency_seconds', help: 'Probe latency by check', labelNames: ['check'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const explanations = new Counter({ name: 'claude_status_explanations_total', help: 'Error explanations served', labelNames: ['category', 'enriched'], registers: [registry] });
  const deliveries = new Counter({ name: 'claude_status_slack_deliveries_total', help: 'Slack Web API deliveries by outcome', labelNames: ['method', 'outcome'], registers: [registry] });
  const breakerEvents = new Counter({ name: 'claude_status_breaker_transitions_total', help: 'Circuit breaker transitions by the state entered', labelNames: ['state'], registers: [registry] });
  new Gauge({
    name: 'claude_status_breaker_state', help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open', registers: [registry],
    collect() { this.set(BREAKER_STATE[deps.resilience().breaker.state]); },
  });
  type LaneSnapshot = ResilienceSnapshot['limiter']['lanes']['messages'];
  const eachLane = (fn: (lane: string, snapshot: LaneSnapshot) => void) => {
    for (const [lane, snapshot] of Object.entries(deps.resilience().limiter.lanes)) fn(lane, snapshot);
  };
  const laneGauge = (name: string, help: string, pick: (s: LaneSnapshot) => number | undefined) =>
    new Gauge({
      name, help, labelNames: ['lane'], registers: [registry],
      collect() {
        eachLane((lane, snapshot) => {
          const value = pick(snapshot);
          if (value !== undefined) this.set({ lane }, value);
        });
      },
    });
  laneGauge('claude_status_limiter_queued_calls', 'Claude calls waiting in the limiter', (s) => s.queued);
  laneGauge('claude_status_limiter_running_calls', 'Claude calls in flight', (s) => s.running);
  laneGauge('claude_status_limiter_pace_requests_per_minute', 'Requests a minute the limiter paces at now', (s) => s.effectiveRpm);
  laneGauge('claude_status_ratelimit_remaining_requests', 'Requests remaining as the API last reported', (s) => s.apiRemaining?.requests);
  laneGauge('claude_status_ratelimit_remaining_input_tokens', 'Input tokens remaining as the API last reported', (s) => s.apiRemaining?.inputTokens);
  laneGauge('claude_status_ratelimit_remaining_output_tokens', 'Output tokens remaining as the API last reported', (s) => s.apiRemaining?.outputTokens);
  const dropped: FeedTotal = counterFromTotal(new Counter({
    name: 'claude_status_limiter_dropped_calls_total', help: 'Claude calls refused because the limiter queue was full', labelNames: ['lane'], registers: [registry],
    collect() { eachLane((lane, snapshot) => dropped({ lane }, snapshot.dropped)); },
  }));
  const rateLimited: FeedTotal = counterFromTotal(new Counter({
    name: 'claude_status_rate_limited_total', help: '429 answers received from the Claude API', registers: [registry],
    collect() { rateLimited({}, deps.resilience().limiter.rateLimited); },
  }));
  const openIncidents = new Gauge({ name: 'claude_status_open_incidents', help: 'Incidents open now', registers: [registry] });
  openIncidents.set(0);
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
    setOpenIncidents: (count) => openIncidents.set(count),
    async expose() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
