import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z) in milliseconds; snowflakes count from here. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/**
 * Returns a new, strictly increasing snowflake whose timestamp part is "now", like the ids Discord hands out.
 * Shared by every fake in the process so ids never collide between fakes.
 */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  const stamp = BigInt(Math.floor(at)) - DISCORD_EPOCH;
  const id = (stamp << 22n) | (1n << 17n) | (BigInt(process.pid & 0x1f) << 12n) | increment;
  return bumpPastLast(id).toString();
}

let last = 0n;
function bumpPastLast(id: bigint): bigint {
  last = id > last ? id : last + 1n;
  return last;
}

/** The creation time (ms since 1970) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** An opaque, URL-safe token in the style of an interaction token (`aW50ZXJhY3Rpb24...`). */
export function interactionToken(id: string): string {
  const prefix = Buffer.from(`interaction:${id}:`).toString('base64url');
  return `${prefix}${randomBytes(48).toString('base64url')}`;
}

/** A random session id (32 hex chars), as the gateway sends in READY. */
export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
