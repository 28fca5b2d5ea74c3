import type KeyvRedis from '@keyv/redis';
import { boundedRedis, REDIS_UNAVAILABLE } from '../cache/bounded-redis.js';
import type { Logger } from '../logger.js';
import type { RunKey } from './run-ledger.js';

/** The reason recorded by a process that lost a run to another (prefix; the holder follows). */
export const RUN_ELSEWHERE = 'run by another process';

/** What a cross-process claim answered. */
export type ClaimAnswer =
  | { outcome: 'won' }
  /** Another process (maybe on another host, with its own database) runs it; `holder` names it when known. */
  | { outcome: 'lost'; holder: string | null }
  /** The shared store could not be asked in time: this process's own ledger decides. */
  | { outcome: 'unavailable' };

/**
 * Claims of digest runs shared by every process, whatever database each uses: asked before the
 * local ledger's claim, so that processes on different hosts (separate SQLite files) post a run once.
 */
export interface RunClaims {
  claim(key: RunKey, owner: string): Promise<ClaimAnswer>;
}

/** How long a claim is kept: longer than any run can be retried (the grace period is at most 24 h). */
export const CLAIM_TTL_MS = 3 * 86_400_000;

/**
 * {@link RunClaims} in Redis: `SET prefix<guild>:<digest>:<local date> owner NX PX ttl`; the first
 * process wins, for the whole date. Each claim is bounded by `timeoutMs` (CACHE_TIMEOUT); Redis down is
 * `unavailable` (logged once per outage), and the next claim after it recovers goes to Redis again.
 */
export function redisRunClaims(
  store: KeyvRedis<unknown>,
  options: { timeoutMs: number; logger: Pick<Logger, 'warn' | 'info'>; prefix?: string; ttlMs?: number },
): RunClaims {
  const send = boundedRedis(store, {
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    messages: {
      down: "digest claims: redis unavailable; each process's own ledger decides who posts until it recovers",
      up: 'digest claims: redis answers again',
    },
  });
  const prefix = options.prefix ?? 'newsdesk:digest-run:';
  const ttl = String(options.ttlMs ?? CLAIM_TTL_MS);
  return {
    async claim(key, owner) {
      const name = `${prefix}${key.guildId}:${key.digestId}:${key.localDate}`;
      const set = await send(['SET', name, owner, 'NX', 'PX', ttl]);
      if (set === REDIS_UNAVAILABLE) return { outcome: 'unavailable' };
      if (set === 'OK') return { outcome: 'won' };
      const holder = await send(['GET', name]);
      // This very process claimed it before (its local claim did not follow: a crash between the two).
      if (holder === owner) return { outcome: 'won' };
      return { outcome: 'lost', holder: typeof holder === 'string' ? holder : null };
    },
  };
}
