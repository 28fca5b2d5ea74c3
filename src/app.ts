import { effectiveTime } from './articles/article.js';
import { ArticleStore } from './articles/store.js';
import { openDatabase, type Db } from './articles/database.js';
import { Briefings } from './briefing/briefings.js';
import { LlmClient, endpointHost } from './briefing/llm-client.js';
import { LlmUsageLedger } from './briefing/llm-usage.js';
import { LlmBudget } from './briefing/budget.js';
import { NotesWriter, type ArticleNotes } from './briefing/notes.js';
import { MemberCooldown } from './interactions/cooldown.js';
import { SharedCooldown } from './interactions/shared-cooldown.js';
import { SharedTokenUsage } from './briefing/shared-usage.js';
import { RedisCounters } from './cache/redis-counters.js';
import type { Briefing } from './briefing/types.js';
import type KeyvRedis from '@keyv/redis';
import { createCache, type CacheHandle } from './cache/create-cache.js';
import { redisFlightLock } from './cache/flight-lock.js';
import type { Config } from './config.js';
import type { BriefingPins } from './interactions/briefing-pins.js';
import type { ChannelOps } from './interactions/channel-ops.js';
import type { CommandContext } from './interactions/command.js';
import { Dispatcher } from './interactions/dispatcher.js';
import { loadCommands } from './interactions/load-commands.js';
import type { Timers } from './timers.js';
import type { Logger } from './logger.js';
import { createDigests, type Digests } from './digest/create-digests.js';
import { redisRunClaims } from './digest/run-claims.js';
import { PageExtractor } from './extract/page-extractor.js';
import { FeedWorker } from './feeds/parse-feed-in-worker.js';
import { FeedPoller } from './ingest/feed-poller.js';
import { FeedLease, leaseRedis } from './ingest/feed-lease.js';
import { LeaseTable } from './ingest/lease-table.js';
import { FeedRegistry } from './ingest/feed-registry.js';
import { IngestService } from './ingest/ingest-service.js';
import { createSafeFetch } from './net/index.js';
import { cacheAnswering, databaseWritable } from './health/checks.js';
import type { ReadinessCheck } from './health/health-server.js';
import type { StatusSource } from './interactions/status.js';
import { PrometheusMetrics } from './metrics/prometheus.js';
import { packageVersion } from './version.js';

/** How long an article's notes are kept (they depend only on its text and the notes prompt). */
const NOTES_TTL_MS = 30 * 86_400_000;

/** Everything a transport needs, built once from the config. */
export interface App {
  config: Config;
  logger: Logger;
  db: Db;
  store: ArticleStore;
  /** Briefings and article notes (one store; their keys never collide). */
  cache: CacheHandle<Briefing | ArticleNotes>;
  briefings: Briefings;
  dispatcher: Dispatcher;
  ingest: IngestService;
  /** Digest settings and ledger; the scheduler is started by the Discord transport once it is ready. */
  digests: Digests;
  /** Polls feeds; started by the long-running transports, not by one-shot CLI commands. */
  poller: FeedPoller;
  /** Shutdown: LLM calls in flight stop now, and their requests get the extractive briefing. */
  cutOffLlm(): void;
  /** Counters and histograms of this app (its own registry), served on /metrics when HEALTH_PORT is set. */
  metrics: PrometheusMetrics;
  /** What /readyz checks besides the transport: the database takes a write, the cache answers. */
  readiness: ReadinessCheck[];
  /** The process's figures for /newsdesk status. */
  status: StatusSource;
  /** For the start-up line: the LLM (`host model M`, or extractive) and the cache, without secrets. */
  summary: { llm: string; cache: string };
  close(): Promise<void>;
}

/** What only a transport can give the commands: channel operations and pinning (Discord; none on the console). */
export interface TransportParts {
  channels: ChannelOps;
  pins: BriefingPins;
}

/**
 * Opens the store and cache, builds the briefing engine, and the commands' context and dispatcher, once,
 * with the transport's parts when there are any (build the transport first, connect it after).
 */
export async function createApp(
  config: Config,
  logger: Logger,
  options: {
    now?: () => number;
    fetch?: typeof fetch;
    digestTimers?: Timers;
    transport?: TransportParts;
  } = {},
): Promise<App> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  // Process metrics (CPU, memory, event loop) only where they are served: one app per process then.
  const metrics = new PrometheusMetrics({ processMetrics: config.health !== null });
  const db = openDatabase(config.databasePath);
  const llmUsage = new LlmUsageLedger(db);
  const store = new ArticleStore({ db, now, maxBodyChars: config.maxArticleChars, logger });
  const cache = createCache<Briefing | ArticleNotes>({
    url: config.cache.url,
    ttlMs: config.cache.ttlMs,
    opTimeoutMs: config.cache.opTimeoutMs,
    db,
    logger,
  });
  // With a Redis cache, the /news cooldown and the token budgets are counted there too, for every process
  // on it (see SharedTokenUsage for how usage is charged exactly once while Redis comes and goes).
  const counters =
    cache.kind === 'redis'
      ? new RedisCounters(cache.keyv.store as KeyvRedis<unknown>, {
          timeoutMs: config.cache.opTimeoutMs,
          logger,
        })
      : null;
  const sharedUsage = counters ? new SharedTokenUsage(db, counters) : undefined;
  const llm = config.llm
    ? new LlmClient({
        ...config.llm,
        logger,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onCall: (outcome, usage, purpose) => {
          metrics.llmCall(outcome, usage, purpose);
          llmUsage.record(now(), outcome === 'ok', usage);
          sharedUsage?.charge(null, usage, now());
        },
      })
    : null;
  const cutoff = new AbortController();
  // Several processes on one Redis: one of them writes a missing briefing or article's notes.
  const lock =
    cache.kind === 'redis'
      ? redisFlightLock(cache.keyv.store as KeyvRedis<unknown>, {
          timeoutMs: config.cache.opTimeoutMs,
          logger,
        })
      : undefined;
  const budget = new LlmBudget(llmUsage, config.budget, sharedUsage);
  // Article notes (the map step) share the cache's store, kept far longer than briefings.
  const notes = llm
    ? new NotesWriter({
        llm,
        cache: {
          get: async (key) => {
            const value = await cache.cache.get(key);
            return value && 'notes' in value ? value : undefined;
          },
          set: (key, value) => cache.cache.set(key, value, NOTES_TTL_MS),
        },
        logger,
        budget,
        cutoff: cutoff.signal,
        now,
        ...(lock ? { lock } : {}),
      })
    : undefined;
  const briefings = new Briefings({
    ...(notes ? { notes } : {}),
    ...(lock ? { lock } : {}),
    cutoff: cutoff.signal,
    articles: store,
    cache: {
      get: async (key) => {
        const value = await cache.cache.get(key);
        return value && 'bullets' in value ? value : undefined;
      },
      set: (key, value) => cache.cache.set(key, value),
    },
    llm,
    logger,
    maxArticles: config.maxArticles,
    refreshMs: config.refreshMs,
    translate: config.translate,
    now,
    metrics,
    budget,
  });
  const registry = new FeedRegistry(db);
  const fetch = createSafeFetch({ allowHosts: config.ingest.allowHosts, maxBytes: config.ingest.maxBytes });
  // Large feeds are parsed off the main thread, so polling never stalls interactions.
  const feedWorker = new FeedWorker();
  const parseFeedText = (text: string, baseUrl: string) => feedWorker.parse(text, { baseUrl });
  // Pages too: Readability on a hostile page runs on a worker with a time limit, never on the event loop.
  const pages = new PageExtractor();
  const ingest = new IngestService({
    store,
    fetch,
    logger,
    now,
    registry,
    guids: registry,
    feedIntervalMs: config.ingest.feedIntervalMs,
    parseFeedText,
    extractPage: (html, pageOptions) => pages.extract(html, pageOptions),
    metrics,
    // NOTES_EAGER: notes are written in the background as articles arrive, behind any request's.
    ...(notes && config.notesEager
      ? {
          onStored: (ids: number[]) =>
            notes.enqueue(ids.map((id) => store.get(id)).filter((a) => a !== null)),
        }
      : {}),
  });
  const poller = new FeedPoller({
    registry,
    poll: (feed, signal) => ingest.poll(feed, signal),
    logger,
    now,
    disableAfterMs: config.ingest.disableAfterMs,
    metrics,
    // One process per database polls (a lease in Redis when the cache is Redis, else a row in the database).
    lease: new FeedLease({
      table: new LeaseTable(db),
      logger,
      ...(cache.kind === 'redis'
        ? {
            redis: leaseRedis(cache.keyv.store as KeyvRedis<unknown>, {
              timeoutMs: config.cache.opTimeoutMs,
              logger,
            }),
          }
        : {}),
    }),
  });
  const digests = createDigests({
    db,
    logger,
    now,
    write: (articles, request) => briefings.forArticles(articles, request),
    maxPerGuild: config.digest.maxPerGuild,
    graceMs: config.digest.graceMs,
    maxArticles: config.maxArticles,
    metrics,
    ...(options.digestTimers ? { timers: options.digestTimers } : {}),
    // Several hosts on one Redis: a digest run is claimed there before this host's ledger.
    ...(cache.kind === 'redis'
      ? {
          claims: redisRunClaims(cache.keyv.store as KeyvRedis<unknown>, {
            timeoutMs: config.cache.opTimeoutMs,
            logger,
          }),
        }
      : {}),
  });
  const version = packageVersion();
  const status: StatusSource = {
    snapshot() {
      const newest = store.list({ limit: 1 })[0];
      return {
        version,
        promptVersion: briefings.prompt.version,
        startedAt,
        now: now(),
        articles: {
          count: store.count(),
          newest: newest ? { title: newest.title, at: effectiveTime(newest) } : null,
        },
        cache: { label: cache.label, ...metrics.cacheCounts() },
        llm: config.llm ? { model: config.llm.model, endpoint: endpointHost(config.llm.baseURL) } : null,
        llmToday: llmUsage.day(now()),
      };
    },
  };
  const ctx: CommandContext = {
    briefings,
    topicSuggestions: (prefix, limit) => store.topTitleTerms({ prefix, limit }).map((t) => t.term),
    logger,
    channels: options.transport?.channels ?? null,
    pins: options.transport?.pins ?? null,
    ingest,
    digests: digests.service,
    status,
    newsCooldown:
      config.newsCooldownMs <= 0
        ? null
        : counters
          ? new SharedCooldown(counters, { refillMs: config.newsCooldownMs, now })
          : new MemberCooldown({ refillMs: config.newsCooldownMs, now }),
  };
  const dispatcher = new Dispatcher(await loadCommands(), ctx, logger, metrics);
  logger.info(
    {
      promptVersion: briefings.prompt.version,
      model: llm?.model ?? null,
      cache: cache.label,
      articles: store.count(),
    },
    'newsdesk ready',
  );
  return {
    config,
    logger,
    db,
    store,
    cache,
    briefings,
    dispatcher,
    ingest,
    digests,
    poller,
    cutOffLlm() {
      cutoff.abort();
    },
    metrics,
    readiness: [databaseWritable(db), cacheAnswering(cache.keyv, Math.max(500, config.cache.opTimeoutMs))],
    status,
    summary: {
      llm: config.llm
        ? `${endpointHost(config.llm.baseURL)} model ${config.llm.model}`
        : 'extractive (no language model configured)',
      cache: cache.label,
    },
    async close() {
      await digests.stop();
      await poller.stop();
      await feedWorker.close();
      await pages.close();
      await sharedUsage?.close();
      await cache.close();
      db.close();
    },
  };
}
