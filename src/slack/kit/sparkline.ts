/** Eight heights, lowest first; `·` marks a bucket without data (different from zero). */
const BARS = '▁▂▃▄▅▆▇█';
export const NO_DATA = '·';

/**
 * Values as a text sparkline that reads at a glance in any Slack client (no image upload, no native renderer):
 * one character per value, scaled between `min` and `max` (default: the values' own range; a flat series sits at the
 * bottom). `undefined` values show as `·`.
 */
export function sparkline(values: readonly (number | undefined)[], range: { min?: number; max?: number } = {}): string {
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (known.length === 0) return values.map(() => NO_DATA).join('');
  const min = range.min ?? Math.min(...known);
  const max = range.max ?? Math.max(...known);
  const span = max - min;
  return values
    .map((v) => {
      if (v === undefined || !Number.isFinite(v)) return NO_DATA;
      const level = span <= 0 ? 0 : Math.round(((Math.min(max, Math.max(min, v)) - min) / span) * (BARS.length - 1));
      return BARS[level]!;
    })
    .join('');
}
