/** A count for people, one format on every surface: "1,000", not "1000"; "?" for a figure the API did not send. */
export function formatCount(n: number | undefined): string {
  return n === undefined ? '?' : n.toLocaleString('en-US');
}
