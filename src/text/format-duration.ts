/**
 * A duration for people: "45 s", "12 min", "3 h 5 min", "2 d 4 h". One definition for the monitor's note texts and
 * the Slack renderers (which append a duration unless the note's text already shows it, so both must agree).
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}
