import type { Db } from '../articles/database.js';
import { articlesSince } from '../articles/store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { DigestManager } from './digest-manager.js';
import { DigestScheduler, type DigestSchedulerOptions } from './digest-scheduler.js';
import { DigestStore } from './digest-store.js';
import type { DigestTransport } from './poster.js';
import { RunLedger } from './run-ledger.js';
import type { RunClaims } from './run-claims.js';
import type { Timers } from '../timers.js';
import type { DigestWriter } from './types.js';

/** Settings and services the digest feature is built from. */
export interface DigestsOptions {
  db: Db;
  /** `(articles, options) => briefings.forArticles(articles, options)`. */
  write: DigestWriter;
  logger: Logger;
  now?: () => number;
  timers?: Timers;
  /** DIGEST_MAX_PER_GUILD (default 5). */
  maxPerGuild?: number;
  /** DIGEST_GRACE in ms (default 2 h). */
  graceMs?: number;
  /** BRIEFING_MAX_ARTICLES. */
  maxArticles?: number;
  /** Counts digest runs by outcome. */
  metrics?: Pick<Metrics, 'digestRun'>;
  /** Several hosts on one Redis: runs are claimed there first (see RunClaims). */
  claims?: RunClaims;
}

/** The transport's part (how to post, what to do after, which servers this process holds), and any setting to override. */
export type SchedulerTransport = DigestTransport & Partial<DigestSchedulerOptions>;

/** The digest feature: the service for /digest at once, the scheduler once a transport can post. */
export interface Digests {
  service: DigestManager;
  store: DigestStore;
  ledger: RunLedger;
  /** Starts the scheduler (catch-up first). Call once the transport can post (Discord: ready, its channel cache filled). */
  startScheduler(transport: SchedulerTransport): DigestScheduler;
  scheduler(): DigestScheduler | null;
  /** Stops scheduling; resolves when the runs in flight end, or after `waitMs` (default 5 s). */
  stop(waitMs?: number): Promise<void>;
}

/** Builds the digest tables, store, ledger and service over the app's shared database. */
export function createDigests(options: DigestsOptions): Digests {
  const now = options.now ?? Date.now;
  const store = new DigestStore(options.db);
  const ledger = new RunLedger(options.db);
  const find = (o: Parameters<typeof articlesSince>[1]) => articlesSince(options.db, o);
  const whatsNew = options.maxArticles ? { maxArticles: options.maxArticles } : {};
  let scheduler: DigestScheduler | null = null;
  const service = new DigestManager({
    digests: store,
    ledger,
    find,
    write: options.write,
    now,
    maxPerGuild: options.maxPerGuild,
    whatsNew,
    onChange: () => scheduler?.refresh(),
  });
  return {
    service,
    store,
    ledger,
    startScheduler(transport) {
      if (scheduler) return scheduler;
      scheduler = new DigestScheduler({
        digests: store,
        ledger,
        find,
        write: options.write,
        now,
        logger: options.logger.child({ component: 'digest' }),
        whatsNew,
        ...(options.timers ? { timers: options.timers } : {}),
        ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
        ...(options.metrics ? { metrics: options.metrics } : {}),
        ...(options.claims ? { claims: options.claims } : {}),
        ...transport,
      });
      scheduler.start();
      return scheduler;
    },
    scheduler: () => scheduler,
    async stop(waitMs) {
      await scheduler?.stop(waitMs);
    },
  };
}
