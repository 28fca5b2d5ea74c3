import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { systemTimers, type Timers } from '../timers.js';
import type { FeedRecord, FeedRegistry } from './feed-registry.js';
import type { PollerLease } from './feed-lease.js';

/** What one poll of a feed brought. */
export interface PollOutcome {
  notModified: boolean;
  stored: number;
  etag: string | null;
  lastModified: string | null;
  title: string | null;
}

export interface FeedPollerOptions {
  registry: FeedRegistry;
  /** Reads one feed; should stop when `signal` aborts (the poller is stopping). */
  poll: (feed: FeedRecord, signal: AbortSignal) => Promise<PollOutcome>;
  logger: Logger;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
  /** A feed failing this long is disabled (default 48 h). */
  disableAfterMs?: number;
  /** Polls in flight at once (default 4), and per host (default 1). */
  maxConcurrent?: number;
  perHost?: number;
  /** Longest sleep between looks at the table (default 60 s), so feeds added elsewhere are seen. */
  maxSleepMs?: number;
  /** Longest wait between failures (default 6 h). */
  maxBackoffMs?: number;
  /** Counts polls by outcome. */
  metrics?: Pick<Metrics, 'feedPoll'>;
  /** Several processes: only the lease's holder polls (default: this process always does). */
  lease?: PollerLease;
}

const HOUR = 3_600_000;

function host(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** ±10 % so that feeds added together do not stay in lockstep. */
function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

/**
 * Polls every active feed on its own interval: conditional requests are the poll function's job;
 * here are the schedule (interval with jitter), a global and a per-host concurrency limit, exponential
 * backoff on errors (interval × 2^(failures-1), at most 6 h) and disabling a feed that has been failing
 * for `disableAfterMs` (its reason shown in /feeds list; /feeds add re-enables it). A failing poll
 * never stops the poller.
 */
export class FeedPoller {
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly perHost = new Map<string, number>();
  private timer: unknown = null;
  private running = false;
  private readonly aborter = new AbortController();

  constructor(private readonly options: FeedPollerOptions) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.running = true;
    const { lease } = this.options;
    if (!lease) {
      this.schedule(0);
      return;
    }
    // Polling starts when the lease is taken (at once for the only process) and pauses when it is lost.
    lease.start((held) => {
      if (held) this.schedule(0);
      else if (this.timer !== null) {
        this.timers.clearTimeout(this.timer);
        this.timer = null;
      }
    });
  }

  /** Whether this process polls now: no lease, or the lease held. */
  private polls(): boolean {
    return !this.options.lease || this.options.lease.held;
  }

  /** Stops scheduling, aborts polls in flight and waits (at most `waitMs`) for them to wind down. */
  async stop(waitMs = 2_000): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.aborter.abort();
    await this.options.lease?.stop();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight.values()]),
      new Promise((resolve) => (timeout = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timeout);
  }

  /** Starts every due feed the limits allow; resolves when those polls are done. */
  async runDue(): Promise<void> {
    const max = this.options.maxConcurrent ?? 4;
    const perHostMax = this.options.perHost ?? 1;
    const started: Promise<void>[] = [];
    if (!this.polls()) return;
    for (const feed of this.options.registry.due(this.now(), 200)) {
      if (this.inFlight.size >= max) break;
      const h = host(feed.url);
      if (this.inFlight.has(feed.id) || (this.perHost.get(h) ?? 0) >= perHostMax) continue;
      this.perHost.set(h, (this.perHost.get(h) ?? 0) + 1);
      const run = this.pollOne(feed).finally(() => {
        this.inFlight.delete(feed.id);
        this.perHost.set(h, (this.perHost.get(h) ?? 1) - 1);
        if (this.running && this.polls()) this.schedule(0);
      });
      this.inFlight.set(feed.id, run);
      started.push(run);
    }
    await Promise.allSettled(started);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      // A failing round (e.g. the database busy) is logged and retried: the poller never dies.
      void this.runDue()
        .catch((err: unknown) => this.options.logger.error({ err }, 'feed polling round failed'))
        .then(() => {
          let next: number | null = null;
          try {
            next = this.options.registry.nextDueAt();
          } catch (err) {
            this.options.logger.error({ err }, 'could not read the next feed due');
          }
          const sleep = Math.min(
            this.options.maxSleepMs ?? 60_000,
            next === null ? Infinity : Math.max(1_000, next - this.now()),
          );
          if (this.inFlight.size === 0 && this.polls()) this.schedule(sleep);
        });
    }, delayMs);
  }

  private async pollOne(feed: FeedRecord): Promise<void> {
    const { registry, logger } = this.options;
    const log = logger.child({ feedId: feed.id, feed: feed.url, guildId: feed.guildId });
    const started = this.now();
    try {
      const outcome = await this.options.poll(feed, this.aborter.signal);
      const now = this.now();
      registry.recordSuccess(feed.id, {
        now,
        nextPollAt: now + jittered(feed.intervalMs, this.random),
        etag: outcome.etag,
        lastModified: outcome.lastModified,
        title: outcome.title,
        stored: outcome.stored,
      });
      log.info(
        { ms: now - started, stored: outcome.stored, notModified: outcome.notModified },
        'feed polled',
      );
      this.options.metrics?.feedPoll(outcome.notModified ? 'not_modified' : 'ok');
    } catch (err) {
      if (this.aborter.signal.aborted) return; // stopping: not the feed's fault
      const now = this.now();
      const failures = feed.failures + 1;
      const backoff = Math.min(feed.intervalMs * 2 ** (failures - 1), this.options.maxBackoffMs ?? 6 * HOUR);
      const failingSince = feed.failingSince ?? now;
      const error = errorMessage(err);
      const disable = now - failingSince >= (this.options.disableAfterMs ?? 48 * HOUR);
      const disabledReason = disable
        ? `failing since ${new Date(failingSince).toISOString()}: ${error}`
        : null;
      registry.recordFailure(feed.id, {
        now,
        nextPollAt: now + jittered(backoff, this.random),
        error,
        disabledReason,
      });
      this.options.metrics?.feedPoll(disable ? 'disabled' : 'failed');
      if (disable) log.warn({ failures, error }, 'feed disabled after failing too long');
      else log.warn({ failures, error, retryInMs: backoff }, 'feed poll failed');
    }
  }
}
