/** Remembers recently handled Slack events so a redelivery (x-slack-retry-num) is answered once. */
export interface SeenEvents {
  /** True the first time `key` is offered, false for any repeat still remembered. */
  firstTime(key: string): boolean;
}

/**
 * A bounded set of keys, oldest forgotten first. Slack retries an event three times within about five minutes, so a
 * few thousand keys cover any realistic burst while keeping memory fixed.
 */
export function createSeenEvents(maxKeys = 5000): SeenEvents {
  const seen = new Set<string>();
  return {
    firstTime(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      if (seen.size > maxKeys) seen.delete(seen.values().next().value!);
      return true;
    },
  };
}
