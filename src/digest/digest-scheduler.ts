import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { DigestRunner, type DigestRunnerOptions } from './digest-runner.js';
import type { DigestTransport } from './poster.js';
import { missedReason, nextAttention, planRun, type RunPolicy } from './plan.js';
import { RUN_ELSEWHERE, type RunClaims } from './run-claims.js';
import { digestNonce, type RunKey, type RunLedger } from './run-ledger.js';
import { nextOccurrence, previousOccurrences } from './schedule.js';
import { systemTimers, type Timers } from '../timers.js';
import type { Digest, RunRecord } from './types.js';

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
export interface DigestSchedulerOptions
  extends
    Omit<DigestRunnerOptions, 'timers' | 'writeTimeoutMs' | 'postTimeoutMs'>,
    Pick<DigestTransport, 'ownsGuild'> {
  timers?: Timers;
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
  /** Counts runs by the status they ended with. */
  metrics?: Pick<Metrics, 'digestRun'>;
  /** Claims shared across hosts (Redis), asked before the ledger's: the loser records the date as skipped. */
  claims?: RunClaims;
}

/**
 * At start-up: records the scheduled dates missed before the latest one (up to `days` back, and never
 * before a digest was set or resumed) as skipped with the reason, so that no date goes unexplained.
 * The latest scheduled time itself is left to the scheduler's catch-up rule (run late within the
 * grace period, else skipped). Dates that already have a run are left alone.
 */
function recordMissedDates(
  digests: readonly Digest[],
  ledger: RunLedger,
  now: number,
  options: { days: number; graceMs: number; logger: Logger },
): void {
  for (const digest of digests) {
    if (digest.paused) continue;
    try {
      for (const occ of previousOccurrences(digest, now, options.days + 1).slice(1)) {
        if (occ.at <= digest.scheduleFrom) break;
        const key = { guildId: digest.guildId, digestId: digest.id, localDate: occ.localDate };
        ledger.recordSkipped({
          ...key,
          scheduledAt: occ.at,
          channelId: digest.channelId,
          nonce: digestNonce(key),
          now,
          reason: missedReason(digest, occ, options.graceMs),
        });
      }
    } catch (err) {
      options.logger.error({ err, guildId: digest.guildId, digestId: digest.id }, 'digest catch-up failed');
    }
  }
}

/**
 * Runs every digest once per local date at its local time, with catch-up after downtime.
 *
 * Each look ("tick") plans every digest purely (see planRun) from its latest scheduled time and that
 * date's ledger row, claims atomically in SQLite, and starts runs without awaiting them: runs go
 * concurrently, each bounded by the write and send timeouts, so a slow digest never holds up
 * another. A throwing digest is logged and the others go on. Timers come from `timers`, the time
 * from `now`, so tests advance a fake clock instead of waiting.
 *
 * Crash between claim and post (the ledger always says what happened):
 * - crash while writing (row 'claimed', nothing sent): after `writeTimeout + 1 min` any process
 *   takes the claim over and runs it again (within the grace period; after it the row is closed
 *   'failed'). Nothing can be duplicated: no send had started.
 * - crash while sending (row 'posting'): after `postTimeout + 15 s` a process takes it over and sends
 *   again with the SAME nonce (derived from server, digest and local date) and `enforce_nonce`, so
 *   Discord returns the first message instead of creating a second: safe while Discord still
 *   remembers the nonce (`nonceWindowMs`, 2 min from the first send; Discord says "a few minutes").
 *   Later than that, re-sending could duplicate, so the row is closed 'uncertain' with the reason
 *   (shown in /digest list) and the next digest covers the same articles again: no silent loss.
 */
export class DigestScheduler {
  readonly owner: string;
  readonly policy: RunPolicy;
  private readonly runner: DigestRunner;
  private readonly timers: Timers;
  private readonly inflight = new Map<string, Promise<void>>();
  private timer: unknown = null;
  private wakeAt = Number.POSITIVE_INFINITY;
  private running = false;

  constructor(private readonly o: DigestSchedulerOptions) {
    const d = DIGEST_DEFAULTS;
    this.timers = o.timers ?? systemTimers;
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const writeTimeoutMs = o.writeTimeoutMs ?? d.writeTimeoutMs;
    const postTimeoutMs = o.postTimeoutMs ?? d.postTimeoutMs;
    this.policy = {
      graceMs: o.graceMs ?? d.graceMs,
      lateAfterMs: o.lateAfterMs ?? d.lateAfterMs,
      retryDelayMs: o.retryDelayMs ?? d.retryDelayMs,
      maxAttempts: d.maxAttempts,
      claimStaleMs: writeTimeoutMs + 60_000,
      postStaleMs: postTimeoutMs + 15_000,
      nonceWindowMs: o.nonceWindowMs ?? d.nonceWindowMs,
    };
    this.runner = new DigestRunner({ ...o, timers: this.timers, writeTimeoutMs, postTimeoutMs });
  }

  /** Catch-up, then runs on schedule until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    recordMissedDates(this.owned(), this.o.ledger, this.o.now(), {
      days: this.o.backfillDays ?? DIGEST_DEFAULTS.backfillDays,
      graceMs: this.policy.graceMs,
      logger: this.o.logger,
    });
    this.tick();
  }

  /** Stops scheduling; resolves when the runs in flight end, or after `waitMs`. */
  async stop(waitMs = 5_000): Promise<void> {
    this.running = false;
    this.disarm();
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) => this.timers.setTimeout(resolve, waitMs)),
    ]);
  }

  /** Re-plans now: call after a digest was set, resumed or removed. */
  refresh(): void {
    if (this.running) this.tick();
  }

  /** Resolves once no run of this scheduler is in flight (tests). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight.values()]);
  }

  /**
   * Runs a digest now, as if its next run were due (the console's `/digest run`): claims the next
   * scheduled local date the ledger has no run for, and carries it out like a scheduled run (what is
   * new since the last post, written, posted once, recorded), so the schedule then moves on past that
   * date. Resolves with the run as recorded; null when the run could not be claimed.
   */
  async runNow(digest: Digest): Promise<RunRecord | null> {
    const key = `${digest.guildId}/${digest.id}`;
    await this.inflight.get(key);
    const now = this.o.now();
    let occurrence = nextOccurrence(digest, now);
    const keyOf = (localDate: string) => ({ guildId: digest.guildId, digestId: digest.id, localDate });
    for (let i = 0; i < 31 && this.o.ledger.get(keyOf(occurrence.localDate)); i++)
      occurrence = nextOccurrence(digest, occurrence.at);
    const runKey = keyOf(occurrence.localDate);
    const claim = this.o.ledger.claim({
      ...runKey,
      scheduledAt: occurrence.at,
      channelId: digest.channelId,
      late: false,
      nonce: digestNonce(runKey),
      owner: this.owner,
      now,
    });
    if (!claim.won) return null;
    const work = this.runner.execute(digest, claim.run).then(
      (status) => this.o.metrics?.digestRun(status),
      (err: unknown) => {
        this.o.metrics?.digestRun('error');
        this.o.logger.error({ err, key }, 'digest run threw');
      },
    );
    this.inflight.set(key, work);
    try {
      await work;
    } finally {
      this.inflight.delete(key);
      this.refresh();
    }
    return this.o.ledger.get(runKey);
  }

  /** One look at every digest this process holds; then sleeps until the next thing to do. */
  tick(): void {
    if (!this.running) return;
    this.disarm();
    const now = this.o.now();
    let wake = now + (this.o.maxSleepMs ?? DIGEST_DEFAULTS.maxSleepMs);
    for (const digest of this.owned()) {
      try {
        wake = Math.min(wake, this.visit(digest, now));
      } catch (err) {
        this.o.logger.error(
          { err, guildId: digest.guildId, digestId: digest.id },
          'digest scheduling failed; the others go on',
        );
      }
    }
    this.arm(wake, now);
  }

  /** Sets the timer for the next look, unless one is already due sooner. */
  private arm(at: number, now: number): void {
    if (!this.running || (this.timer !== null && this.wakeAt <= at)) return;
    this.disarm();
    this.wakeAt = at;
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = null;
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.tick();
      },
      Math.max(0, at - now),
    );
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = Number.POSITIVE_INFINITY;
  }

  private owned(): Digest[] {
    try {
      return this.o.digests.all().filter((d) => !this.o.ownsGuild || this.o.ownsGuild(d.guildId));
    } catch (err) {
      this.o.logger.error({ err }, 'digest settings could not be read');
      return [];
    }
  }

  /** Plans and acts on one digest; returns when it next needs a look. */
  private visit(digest: Digest, now: number): number {
    const key = `${digest.guildId}/${digest.id}`;
    const next = nextOccurrence(digest, now);
    if (this.inflight.has(key)) return next.at;
    const occurrence = previousOccurrences(digest, now, 1)[0] ?? null;
    const runKey = occurrence && {
      guildId: digest.guildId,
      digestId: digest.id,
      localDate: occurrence.localDate,
    };
    const run = runKey ? this.o.ledger.get(runKey) : null;
    const plan = planRun({ digest, occurrence, run, now, policy: this.policy });
    const log = this.o.logger.child({
      guildId: digest.guildId,
      digestId: digest.id,
      localDate: occurrence?.localDate,
    });
    const late = occurrence !== null && now - occurrence.at > this.policy.lateAfterMs;
    if (plan.action === 'claim' && runKey && this.o.claims) {
      const claims = this.o.claims;
      this.launch(key, digest, () => this.claimAcross(claims, digest, runKey, occurrence.at, plan.late, log));
    } else if (plan.action === 'claim' && runKey) {
      const run = this.claimHere(digest, runKey, occurrence.at, plan.late, now, log);
      if (run) this.launch(key, digest, run);
    } else if (plan.action === 'skip' && runKey) {
      if (
        this.o.ledger.recordSkipped({
          ...runKey,
          scheduledAt: occurrence.at,
          channelId: digest.channelId,
          nonce: digestNonce(runKey),
          now,
          reason: plan.reason,
        })
      )
        log.warn({ reason: plan.reason }, 'digest run skipped');
    } else if (plan.action === 'take_over') {
      const taken = this.o.ledger.takeOver(plan.run, this.owner, now, late);
      if (taken) {
        log.warn({ why: plan.why, previous: plan.run.claimToken }, 'digest run taken over');
        this.launch(key, digest, taken);
      }
    } else if (plan.action === 'close') {
      const taken = this.o.ledger.takeOver(plan.run, this.owner, now, late);
      if (taken && this.o.ledger.finish(taken, { status: plan.status, reason: plan.reason }, now))
        log.warn({ status: plan.status, reason: plan.reason }, 'digest run closed after a crash');
    }
    if (this.inflight.has(key)) return next.at;
    const after = runKey ? this.o.ledger.get(runKey) : null;
    return nextAttention({ digest, occurrence, run: after, now, policy: this.policy, next });
  }

  /** The ledger's claim of this process; a date another process skipped for us ("run by another process") is taken over. */
  private claimHere(
    digest: Digest,
    runKey: RunKey,
    scheduledAt: number,
    late: boolean,
    now: number,
    log: Logger,
  ): RunRecord | null {
    const claim = this.o.ledger.claim({
      ...runKey,
      scheduledAt,
      channelId: digest.channelId,
      late,
      nonce: digestNonce(runKey),
      owner: this.owner,
      now,
    });
    if (claim.won) return claim.run;
    // Two processes on one database: the loser of the shared claim may have written its "skipped" first.
    if (claim.run.status === 'skipped' && claim.run.reason?.startsWith(RUN_ELSEWHERE))
      return this.o.ledger.takeOver(claim.run, this.owner, now, late);
    log.debug({ status: claim.run.status }, 'digest run already claimed elsewhere');
    return null;
  }

  /**
   * The shared claim (Redis) first, then the ledger's: the loser records the date as skipped, run by
   * another process; the shared store unavailable means the ledger alone decides (bounded wait).
   */
  private async claimAcross(
    claims: RunClaims,
    digest: Digest,
    runKey: RunKey,
    scheduledAt: number,
    late: boolean,
    log: Logger,
  ): Promise<RunRecord | null> {
    const answer = await claims.claim(runKey, this.owner);
    const now = this.o.now();
    if (answer.outcome !== 'lost') return this.claimHere(digest, runKey, scheduledAt, late, now, log);
    const reason = `${RUN_ELSEWHERE}${answer.holder ? ` (${answer.holder})` : ''}`;
    if (
      this.o.ledger.recordSkipped({
        ...runKey,
        scheduledAt,
        channelId: digest.channelId,
        nonce: digestNonce(runKey),
        now,
        reason,
      })
    )
      log.info({ holder: answer.holder }, 'digest run left to another process');
    return null;
  }

  /** Runs `run`, or the run `start` claims (nothing when it claims none), as this digest's work in flight. */
  private launch(key: string, digest: Digest, start: RunRecord | (() => Promise<RunRecord | null>)): void {
    const claimed = typeof start === 'function' ? start() : Promise.resolve(start);
    const work = claimed
      .then((run) => (run ? this.runner.execute(digest, run) : null))
      .then(
        (status) => {
          if (status) this.o.metrics?.digestRun(status);
        },
        (err: unknown) => {
          this.o.metrics?.digestRun('error');
          this.o.logger.error({ err, key }, 'digest run threw');
        },
      )
      .finally(() => {
        this.inflight.delete(key);
        // Look again at this digest only (a retry may be due): O(1) per finished run, not a full tick.
        if (!this.running || (this.o.ownsGuild && !this.o.ownsGuild(digest.guildId))) return;
        try {
          const now = this.o.now();
          const fresh = this.o.digests.get(digest.guildId, digest.id);
          if (fresh) this.arm(this.visit(fresh, now), now);
        } catch (err) {
          this.o.logger.error({ err, key }, 'digest scheduling failed after a run');
        }
      });
    this.inflight.set(key, work);
  }
}
