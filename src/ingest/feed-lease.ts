import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { boundedRedis, REDIS_UNAVAILABLE, type RedisSend } from '../cache/bounded-redis.js';
import type { Logger } from '../logger.js';
import { systemTimers, type Timers } from '../timers.js';
import type { LeaseTable } from './lease-table.js';

/** What the feed poller asks of a lease: whether this process polls, and a call when that changes. */
export interface PollerLease {
  readonly held: boolean;
  start(onChange: (held: boolean) => void): void;
  /** Stops renewing and gives the lease up, so another process takes over at once. */
  stop(): Promise<void>;
}

/** Renews the key only while it still holds our token. */
const RENEW =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
/** Replaces a dead holder's token with ours, only if it is still the dead one's. */
const REPLACE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end";
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** `host:pid:random`, the holder id of this process. */
export function leaseHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * A holder that cannot be alive: an earlier run of this process on this host (same host and pid, as
 * after a container restart), or a process of this host that no longer exists. Its lease is taken at
 * once instead of waiting for it to expire (a bot restarted after a crash polls right away).
 */
export function deadOnThisHost(holder: string, me: string): boolean {
  const [host, pidText] = holder.split(':');
  if (holder === me || host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Options of {@link FeedLease}. */
export interface FeedLeaseOptions {
  /** The database's lease rows (and its id, which names the lease in Redis). */
  table: LeaseTable;
  /** Bounded Redis commands when the cache is Redis; without, the lease row alone decides. */
  redis?: RedisSend;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Lease length (default 30 s) and renewal period (default 10 s). */
  ttlMs?: number;
  renewMs?: number;
  holder?: string;
  /** Lease name (default `feed-poller`). */
  name?: string;
  now?: () => number;
  timers?: Timers;
}

/**
 * Exactly one process polls the feeds of a database: the holder of this lease. In Redis, `SET key
 * token NX PX 30s`, renewed every 10 s by a compare-and-set (a process that lost it stops polling at
 * its next renewal); the holder also writes the lease row in the database, which decides alone when
 * Redis does not answer (bounded by the Redis commands' timeout) or is not configured. Others look
 * every renewal period and take over when the lease expires or its holder is gone.
 */
export class FeedLease implements PollerLease {
  readonly holder: string;
  private readonly name: string;
  private readonly redisKey: string;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly now: () => number;
  private readonly timers: Timers;
  private timer: unknown = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private isHeld = false;
  private onChange: (held: boolean) => void = () => undefined;

  constructor(private readonly o: FeedLeaseOptions) {
    this.holder = o.holder ?? leaseHolderId();
    this.name = o.name ?? 'feed-poller';
    this.redisKey = `newsdesk:lease:${o.table.storeId}:${this.name}`;
    this.ttlMs = o.ttlMs ?? 30_000;
    this.renewMs = o.renewMs ?? 10_000;
    this.now = o.now ?? Date.now;
    this.timers = o.timers ?? systemTimers;
  }

  get held(): boolean {
    return this.isHeld;
  }

  start(onChange: (held: boolean) => void): void {
    if (this.running) return;
    this.running = true;
    this.onChange = onChange;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    if (!this.isHeld) return;
    this.isHeld = false;
    try {
      this.o.table.release(this.name, this.holder);
    } catch {
      // The row expires by itself.
    }
    if (this.o.redis) await this.o.redis(['EVAL', RELEASE, '1', this.redisKey, this.holder]);
    this.o.logger.info({ holder: this.holder }, 'feed lease released');
  }

  /** One look: take, renew or wait (tests call it directly). */
  async tick(): Promise<void> {
    const was = this.isHeld;
    let other: string | null = null;
    try {
      const decided = await this.decide();
      this.isHeld = decided.held;
      other = decided.other;
    } catch (err) {
      // The database busy or closing: keep the current state, look again next time.
      this.o.logger.warn({ err }, 'feed lease could not be checked');
    }
    if (this.isHeld === was || !this.running) return;
    if (this.isHeld)
      this.o.logger.info({ holder: this.holder }, 'feed lease taken: this process polls the feeds');
    else
      this.o.logger.warn(
        { holder: this.holder, by: other },
        'feed lease lost: another process polls the feeds',
      );
    this.onChange(this.isHeld);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule(this.renewMs);
      });
    }, ms);
  }

  /** Renews or takes the Redis lease: its answer (1 or OK: held), or who holds it, or REDIS_UNAVAILABLE. */
  private async askRedis(redis: RedisSend, rowOther: string | null): Promise<unknown> {
    const ttl = String(this.ttlMs);
    if (this.isHeld) {
      const renewed = await redis(['EVAL', RENEW, '1', this.redisKey, this.holder, ttl]);
      // Gone from Redis (it restarted empty) but ours in the database: set it again.
      if (renewed === REDIS_UNAVAILABLE || renewed === 1 || rowOther) return renewed;
      return redis(['SET', this.redisKey, this.holder, 'NX', 'PX', ttl]);
    }
    const set = await redis(['SET', this.redisKey, this.holder, 'NX', 'PX', ttl]);
    if (set === REDIS_UNAVAILABLE || set === 'OK') return set;
    const current = await redis(['GET', this.redisKey]);
    if (typeof current === 'string' && deadOnThisHost(current, this.holder))
      return redis(['EVAL', REPLACE, '1', this.redisKey, current, this.holder, ttl]);
    return current === REDIS_UNAVAILABLE ? set : { held: false, other: String(current) };
  }

  private async decide(): Promise<{ held: boolean; other: string | null }> {
    const { table, redis } = this.o;
    const now = this.now();
    const row = table.get(this.name);
    const dead = row && deadOnThisHost(row.holder, this.holder) ? row.holder : '';
    const rowOther = row && row.holder !== this.holder && row.expiresAt > now && !dead ? row.holder : null;
    if (redis) {
      if (!this.isHeld && rowOther) return { held: false, other: rowOther };
      const answer = await this.askRedis(redis, rowOther);
      if (answer !== null && typeof answer === 'object') return answer as { held: false; other: string };
      if (answer !== REDIS_UNAVAILABLE) {
        const held = answer === 1 || answer === 'OK';
        if (held) table.force(this.name, this.holder, this.now() + this.ttlMs);
        return { held, other: held ? null : (row?.holder ?? null) };
      }
    }
    // Redis may have kept us waiting (at most its timeout): the expiry counts from now.
    const at = this.now();
    const held = table.take(this.name, this.holder, at, at + this.ttlMs, dead);
    return { held, other: held ? null : (row?.holder ?? null) };
  }
}

/** The lease's Redis commands over the cache's connection, bounded by CACHE_TIMEOUT; an outage logged once. */
export function leaseRedis(
  store: Parameters<typeof boundedRedis>[0],
  options: { timeoutMs: number; logger: Pick<Logger, 'info' | 'warn'> },
): RedisSend {
  return boundedRedis(store, {
    ...options,
    messages: {
      down: 'feed lease: redis unavailable; the lease row in the database decides who polls until it recovers',
      up: 'feed lease: redis answers again',
    },
  });
}
