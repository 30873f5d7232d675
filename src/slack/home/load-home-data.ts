import type { StatusReport } from '../../checks/check-result.js';
import type { Monitor } from '../../monitor/create-monitor.js';
import type { HomeData } from './render-home.js';

export interface HomeSources {
  /** The reports the dashboard may show (the status service's latest, the monitor's last round): the newest wins. */
  reports: () => (StatusReport | undefined)[];
  /** Absent when the monitor is off (no ALERT_CHANNEL). */
  monitor?: Pick<Monitor, 'openIncidents' | 'history' | 'isPaused' | 'health'>;
  alertChannel?: string;
  intervalSeconds: number;
  /** The configured ANTHROPIC_BASE_URL: fixes that name the public API name it instead. */
  baseURL?: string;
}

/** The App Home's data, gathered from memory and the monitor's store; it never probes by itself. */
export async function loadHomeData(sources: HomeSources): Promise<HomeData> {
  const report = sources.reports()
    .filter((r): r is StatusReport => Boolean(r))
    .sort((a, b) => b.checkedAt.localeCompare(a.checkedAt))[0];
  const monitor = sources.monitor;
  const [incidents, history, paused, health] = monitor
    ? await Promise.all([monitor.openIncidents(), monitor.history(), monitor.isPaused(), monitor.health()])
    : [[], [], undefined, undefined];
  return {
    report,
    baseURL: sources.baseURL,
    incidents: incidents.map((i) => ({
      title: i.title, severity: i.severity, since: i.since, acknowledgedBy: i.acknowledgedBy,
      mutedUntil: i.mutedUntilMs ? new Date(i.mutedUntilMs).toISOString() : undefined,
    })),
    history,
    monitor: {
      on: Boolean(monitor), channel: sources.alertChannel, intervalSeconds: sources.intervalSeconds, paused,
      // Alert messages given up lately (Slack refused them or they ran out of retries): one line on the dashboard.
      undelivered: health?.undelivered,
    },
  };
}
