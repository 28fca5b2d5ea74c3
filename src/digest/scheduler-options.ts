import type { DigestRunnerOptions } from './digest-runner.js';
import type { Timers } from '../timers.js';

/** Defaults of the digest settings (DIGEST_GRACE is `graceMs`). */
export const DIGEST_DEFAULTS = {
  graceMs: 2 * 3_600_000,
  lateAfterMs: 60_000,
  retryDelayMs: 10 * 60_000,
  maxAttempts: 2,
  writeTimeoutMs: 5 * 60_000,
  postTimeoutMs: 30_000,
  nonceWindowMs: 2 * 60_000,
  maxSleepMs: 5 * 60_000,
  backfillDays: 7,
} as const;

/** Everything the scheduler needs; durations in ms, defaults in {@link DIGEST_DEFAULTS}. */
export interface DigestSchedulerOptions extends Omit<
  DigestRunnerOptions,
  'timers' | 'writeTimeoutMs' | 'postTimeoutMs'
> {
  timers?: Timers;
  /** Sharding: only digests of servers this process holds run here (default: all). */
  ownsGuild?: (guildId: string) => boolean;
  graceMs?: number;
  lateAfterMs?: number;
  retryDelayMs?: number;
  writeTimeoutMs?: number;
  postTimeoutMs?: number;
  nonceWindowMs?: number;
  /** Longest sleep between looks at the settings (they may change in another process): 5 min. */
  maxSleepMs?: number;
  /** At start, earlier missed dates (up to this many days back) are recorded as skipped. */
  backfillDays?: number;
  /** Names this process in claims (default host:pid:random). */
  owner?: string;
}
