import type { Keyv } from 'keyv';
import type { Logger } from 'pino';

/** The logger methods the cache uses (a pino Logger fits). */
export type CacheLogger = Pick<Logger, 'info' | 'warn'>;

/** Options for {@link GuardedCache}. */
export interface GuardedCacheOptions {
  logger: CacheLogger;
  /** Longest a get or set waits for the store, in ms (default 250). */
  opTimeoutMs?: number;
  /** While the store is down, at most one operation per this many ms is tried as a probe (default 1000). */
  probeIntervalMs?: number;
  /** Store operations still unsettled (e.g. hanging) above which new ones are skipped (default 64). */
  maxPending?: number;
  /** Describes the store in logs (pass a redacted URL). */
  label?: string;
  /** Scrubs secrets from error texts before they are logged or kept. */
  redact?: (text: string) => string;
}

/** A snapshot of the cache's state, for status pages and logs. */
export interface CacheHealth {
  ok: boolean;
  /** When the current state (up or down) began, epoch ms. */
  since: number;
  /** Failures counted since the current outage began (0 while up). */
  failures: number;
  /** The last error seen (redacted), null if none yet. */
  lastError: string | null;
  /** Writes dropped because the store was down, hanging or failing, since start. */
  droppedWrites: number;
  label: string;
}

type Outcome<R> = { ok: true; value: R } | { ok: false };
const TIMEOUT = Symbol('timeout');

/**
 * A keyv cache that never throws and never keeps a caller waiting longer than `opTimeoutMs`: a store
 * that errors (rejected promise or keyv 'error' event) or hangs reads as a miss and drops writes. The
 * first failure logs one warning for the outage; while down, only one probe per `probeIntervalMs` reaches
 * the store, and the first success logs the recovery.
 */
export class GuardedCache<T> {
  private readonly opTimeoutMs: number;
  private readonly probeIntervalMs: number;
  private readonly maxPending: number;
  private readonly label: string;
  private readonly redact: (text: string) => string;
  private up = true;
  private since = Date.now();
  private lastProbe = 0;
  private failures = 0;
  private lastError: string | null = null;
  private droppedWrites = 0;
  private pending = 0;
  private errorEvents = 0;

  constructor(
    private readonly keyv: Keyv<T>,
    private readonly options: GuardedCacheOptions,
  ) {
    this.opTimeoutMs = options.opTimeoutMs ?? 250;
    this.probeIntervalMs = options.probeIntervalMs ?? 1000;
    this.maxPending = options.maxPending ?? 64;
    this.label = options.label ?? 'cache';
    this.redact = options.redact ?? ((text) => text);
    keyv.on('error', (error: unknown) => {
      this.errorEvents++;
      this.fail(error);
    });
  }

  /** The cached value, or undefined on a miss, an error, a timeout, or while the store is down. */
  async get(key: string): Promise<T | undefined> {
    if (!this.admit()) return undefined;
    const outcome = await this.guard(() => this.keyv.get(key));
    return outcome.ok ? outcome.value : undefined;
  }

  /** Stores a value (for `ttlMs`, else the keyv's default TTL); resolves within `opTimeoutMs`, never rejects. */
  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    if (!this.admit()) {
      this.droppedWrites++;
      return;
    }
    const outcome = await this.guard(() => this.keyv.set(key, value, ttlMs));
    if (!outcome.ok || !outcome.value) this.droppedWrites++;
  }

  /** Current state; `ok` is false during an outage. */
  health(): CacheHealth {
    const { up: ok, since, failures, lastError, droppedWrites, label } = this;
    return { ok, since, failures, lastError, droppedWrites, label };
  }

  /** Whether an operation may go to the store now. */
  private admit(): boolean {
    if (this.pending >= this.maxPending) return false;
    if (this.up) return true;
    const now = Date.now();
    if (now - this.lastProbe < this.probeIntervalMs) return false;
    this.lastProbe = now;
    return true;
  }

  private async guard<R>(op: () => Promise<R>): Promise<Outcome<R>> {
    const eventsBefore = this.errorEvents;
    // An async wrapper turns a synchronous throw of op() into a rejection.
    const settled = (async () => op())();
    // Only operations that outlived their timeout count against maxPending: a burst of healthy
    // concurrent calls must all reach the store, a hanging store must not pile up work without end.
    const state = { done: false, stuck: false };
    const release = (): void => {
      state.done = true;
      if (state.stuck) this.pending--;
    };
    settled.then(release, release); // also marks a late rejection as handled
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(resolve, this.opTimeoutMs, TIMEOUT);
    });
    try {
      const value = await Promise.race([settled, timeout]);
      if (value === TIMEOUT) {
        if (!state.done) {
          state.stuck = true;
          this.pending++;
        }
        this.fail(new Error(`cache operation timed out after ${this.opTimeoutMs} ms`));
        return { ok: false };
      }
      // keyv may swallow a store error into an 'error' event and resolve: that is not a success.
      if (this.errorEvents === eventsBefore) this.succeed();
      return { ok: true, value };
    } catch (error) {
      // keyv's set/delete both emit 'error' and rethrow: count such a failure once.
      if (this.errorEvents === eventsBefore) this.fail(error);
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(error: unknown): void {
    this.failures++;
    this.lastError = this.redact(describe(error));
    if (!this.up) return;
    this.up = false;
    this.since = Date.now();
    this.lastProbe = this.since;
    this.options.logger.warn(
      { cache: this.label, error: this.lastError },
      'cache unavailable; answering without it until it recovers',
    );
  }

  private succeed(): void {
    if (this.up) return;
    const downMs = Date.now() - this.since;
    this.options.logger.info({ cache: this.label, downMs, failures: this.failures }, 'cache recovered');
    this.up = true;
    this.since = Date.now();
    this.failures = 0;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = `${error.name}: ${error.message || '(no message)'}`;
    return typeof code === 'string' ? `${text} [${code}]` : text;
  }
  return String(error);
}
