import { pino } from 'pino';

/** Nesting read before the rest is left to the line scrubber (log objects are small; this bounds a cycle's cost). */
const MAX_DEPTH = 8;

/**
 * A log call's object as it is safe to write: every Error serialized (pino's own serializer, its `cause` chain
 * included) wherever it sits, not only under `err`, and every `command.args` dropped (ioredis attaches
 * `command: { name: 'auth', args: [password] }` to the error Redis answers a wrong password with) — the command's
 * name stays, which is what one needs to read the log. The caller's objects are copied, never changed.
 */
export function sanitizeLogObject(value: Record<string, unknown>): Record<string, unknown> {
  return sanitize(value, 0) as Record<string, unknown>;
}

function sanitize(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  // pino's serializer answers an object with its own prototype: copy it to a plain one to read it like the rest.
  if (value instanceof Error) return sanitize({ ...pino.stdSerializers.err(value) }, depth + 1);
  if (Array.isArray(value)) return value.map((item) => sanitize(item, depth + 1));
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'command' && item !== null && typeof item === 'object' && 'args' in item
      ? { name: (item as { name?: unknown }).name, args: '[dropped]' }
      : sanitize(item, depth + 1);
  }
  return out;
}

const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};
