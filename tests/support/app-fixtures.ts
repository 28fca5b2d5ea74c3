/** Shared builders for tests: a logger that records lines, articles, and an engine wired to a fake LLM. */
import type { NewArticle } from '../../src/articles/article.js';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { Briefings, type BriefingCache } from '../../src/briefing/briefings.js';
import { LlmClient, type LlmOptions } from '../../src/briefing/llm-client.js';
import type { Briefing } from '../../src/briefing/types.js';
import { NotesWriter, type ArticleNotes } from '../../src/briefing/notes.js';
import { createCache } from '../../src/cache/create-cache.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics/metrics.js';

/** A logger whose JSON lines are kept in `lines` (and not printed). */
export function recordingLogger(
  level: 'debug' | 'info' | 'warn' = 'info',
  secrets: string[] = [],
): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const logger = createLogger({ level, secrets, write: (line) => void raw.push(line) });
  return {
    logger,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}

export const HOUR = 3_600_000;

/** A plausible article; `hoursAgo` sets its publication time relative to `now`. */
export function makeArticle(
  n: number,
  now: number,
  overrides: Partial<NewArticle> & { hoursAgo?: number } = {},
): NewArticle {
  const { hoursAgo = 1, ...rest } = overrides;
  return {
    url: `https://news.example/story-${n}`,
    source: 'Example News',
    title: `Story number ${n} about harbour repairs`,
    byline: null,
    publishedAt: now - hoursAgo * HOUR,
    body: `The city council approved harbour repairs worth ${n} million euros on Tuesday. Work will start in spring and last two years.\n\nOfficials said the project number ${n} would create jobs for local workers.`,
    imageUrl: null,
    ...rest,
  };
}

export interface EngineOptions {
  /** Write briefings from article notes (the map step), as the app does with an LLM. */
  notes?: boolean;
  /** BRIEFING_REFRESH_MINUTES, in ms (default 0: every new article set is written). */
  refreshMs?: number;
  /** BRIEFING_TRANSLATE (default off here). */
  translate?: boolean;
  llmBaseURL?: string | null;
  cache?: BriefingCache;
  now?: () => number;
  timeoutMs?: number;
  maxRetries?: number;
  responseFormat?: 'json_schema' | 'json_object' | 'none';
  writeDeadlineMs?: number;
  metrics?: Pick<Metrics, 'cacheLookup'>;
  onLlmCall?: LlmOptions['onCall'];
}

/** A real store (in-memory SQLite), a memory keyv cache, and an engine talking to `llmBaseURL`. */
export function makeEngine(options: EngineOptions = {}) {
  const log = recordingLogger('debug');
  const now = options.now ?? (() => Date.UTC(2026, 10, 26, 12));
  const db = openDatabase(':memory:');
  const store = new ArticleStore({ db, now });
  const cacheHandle = createCache<Briefing>({ url: 'memory://', logger: log.logger, ttlMs: HOUR });
  const llm = options.llmBaseURL
    ? new LlmClient({
        baseURL: options.llmBaseURL,
        apiKey: 'sk-test-key',
        model: 'fake-model',
        timeoutMs: options.timeoutMs ?? 5_000,
        maxRetries: options.maxRetries ?? 0,
        responseFormat: options.responseFormat ?? 'json_schema',
        logger: log.logger,
        ...(options.onLlmCall ? { onCall: options.onLlmCall } : {}),
      })
    : null;
  const notesHandle = createCache<ArticleNotes>({
    url: 'memory://',
    logger: log.logger,
    ttlMs: 30 * 24 * HOUR,
  });
  const notes =
    options.notes && llm
      ? new NotesWriter({ llm, cache: notesHandle.cache, logger: log.logger, now, concurrency: 3 })
      : undefined;
  const briefings = new Briefings({
    ...(notes ? { notes } : {}),
    articles: store,
    cache: options.cache ?? cacheHandle.cache,
    llm,
    logger: log.logger,
    maxArticles: 12,
    now,
    ...(options.writeDeadlineMs ? { writeDeadlineMs: options.writeDeadlineMs } : {}),
    ...(options.refreshMs ? { refreshMs: options.refreshMs } : {}),
    ...(options.translate ? { translate: true } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return {
    store,
    briefings,
    notes,
    log,
    now,
    close: async () => {
      await cacheHandle.close();
      await notesHandle.close();
      db.close();
    },
  };
}
