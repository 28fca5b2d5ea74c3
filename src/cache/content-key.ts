import { createHash } from 'node:crypto';

/** Prefix of briefing cache keys; bump the version when the key recipe or the cached shape changes. */
export const CONTENT_KEY_PREFIX = 'briefing:v1:';

/**
 * Canonical JSON of a value: object keys sorted (by code unit), arrays in order, no whitespace.
 * `toJSON()` is honoured (so a Date becomes its ISO string); `undefined` object properties are left out,
 * as JSON does. Throws a TypeError for what JSON cannot represent faithfully: non-finite numbers, bigint,
 * functions, symbols, `undefined` outside an object property, and cycles.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, new Set(), '$');
}

function encode(input: unknown, seen: Set<object>, path: string): string {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`contentKey: ${path} is not a finite number`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object')
    throw new TypeError(`contentKey: ${path} is a ${typeof value}, which has no JSON form`);
  if (seen.has(value)) throw new TypeError(`contentKey: ${path} is a circular reference`);
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((item, i) => encode(item, seen, `${path}[${i}]`)).join(',')}]`;
  } else {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        (k) => `${JSON.stringify(k)}:${encode((value as Record<string, unknown>)[k], seen, `${path}.${k}`)}`,
      );
    out = `{${entries.join(',')}}`;
  }
  seen.delete(value);
  return out;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/**
 * A stable cache key for `parts`: sha256 of their canonical JSON, hex, first 32 characters, after
 * `prefix` (default {@link CONTENT_KEY_PREFIX}). The order of object keys does not matter; every
 * value (and array order) does.
 */
export function contentKey(parts: Record<string, unknown>, prefix: string = CONTENT_KEY_PREFIX): string {
  const digest = createHash('sha256').update(canonicalJson(parts)).digest('hex');
  return `${prefix}${digest.slice(0, 32)}`;
}
