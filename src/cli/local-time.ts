// ISO-8601 instants in UTC as our checks write them ("2026-12-02T07:36:26Z", with or without milliseconds).
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z\b/g;

/**
 * A time as a person reads it in their own zone: "08:36:26" today, "Dec 1, 08:36" on another day of this year,
 * else with the year. `timeZone` is for tests; by default the machine's zone.
 */
export function localTime(when: string | number, now: number = Date.now(), timeZone?: string): string {
  const ms = typeof when === 'number' ? when : Date.parse(when);
  if (Number.isNaN(ms)) return String(when);
  const zone = timeZone ? { timeZone } : {};
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms);
  if (day(ms) === day(now)) return time;
  const sameYear = day(ms).slice(0, 4) === day(now).slice(0, 4);
  const date = new Intl.DateTimeFormat('en-US', { ...zone, month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(ms);
  return `${date}, ${time.slice(0, 5)}`;
}

/** Every ISO instant in a line of our own text, shown in local time instead. */
export const withLocalTimes = (line: string, now?: number, timeZone?: string): string =>
  line.replace(ISO_INSTANT, (iso) => localTime(iso, now, timeZone));
