import { accessSync, constants, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { urlSecrets } from './cache/redact-url.js';
import { parseAllowHosts } from './net/allow-hosts.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses "90", "90s", "15m", "6h", "2d" into milliseconds; bare numbers are seconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1_000;
  return Math.round(Number(m[1]) * factor);
}

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const snowflake = optionalText.refine((s) => s === undefined || /^\d{17,20}$/.test(s), {
  error: 'must be a Discord id (17-20 digits); copy it with Developer Mode on',
});

const httpUrl = optionalText.refine((s) => s === undefined || /^https?:\/\/[^\s]+$/i.test(s), {
  error: 'must be an http:// or https:// URL',
});

function duration(fallback: string, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      const ms = parseDuration(s?.trim() ? s : fallback);
      if (ms === null || ms < min || ms > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a duration such as 30s, 15m or 6h, between ${min / 1000}s and ${max / 1000}s`,
        });
        return z.NEVER;
      }
      return ms;
    });
}

function integer(fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      const n = s?.trim() ? Number(s) : fallback;
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });
}

/** An optional whole number: unset stays undefined (the feature is off). */
function optionalInteger(min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s?.trim()) return undefined;
      const n = Number(s);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number from ${min} to ${max}, or empty (off)`,
        });
        return z.NEVER;
      }
      return n;
    });
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** A switch: 1/true/yes/on or 0/false/no/off (any case); unset is `unset`. */
function switchSetting(unset: boolean) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = s?.trim().toLowerCase() ?? '';
      if (!v) return unset;
      if (FALSE_WORDS.includes(v)) return false;
      if (TRUE_WORDS.includes(v)) return true;
      ctx.addIssue({ code: 'custom', message: 'must be 1 (on) or 0 (off); true/false and yes/no work too' });
      return z.NEVER;
    });
}

/** A switch that is off unless set. */
const flag = switchSetting(false);

/** A host name or IP address to listen on (no scheme, port or path). */
const listenHost = optionalText.refine(
  (s) =>
    s === undefined || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(s) || /^[0-9a-f:.]*:[0-9a-f:.]*$/i.test(s),
  {
    error:
      'must be a host name or IP address to listen on (no scheme or port), e.g. 127.0.0.1, or 0.0.0.0 in a container',
  },
);

const schema = z.object({
  DISCORD_TOKEN: optionalText.refine((s) => s === undefined || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(s), {
    error:
      'does not look like a bot token (three dot-separated parts); copy it from the Bot page of your application',
  }),
  DISCORD_APP_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: httpUrl,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_MODEL: optionalText,
  LLM_TIMEOUT: duration('60s', 1_000, 600_000),
  LLM_MAX_RETRIES: integer(1, 0, 5),
  LLM_MAX_TOKENS: integer(1_000, 100, 32_000),
  LLM_DAILY_TOKENS: integer(0, 0, 1_000_000_000_000),
  LLM_DAILY_TOKENS_PER_SERVER: integer(0, 0, 1_000_000_000_000),
  NEWS_COOLDOWN: duration('30s', 0, 3_600_000),
  NOTES_EAGER: flag,
  BRIEFING_REFRESH_MINUTES: integer(15, 0, 1_440),
  BRIEFING_TRANSLATE: switchSetting(true),
  LLM_RESPONSE_FORMAT: z.enum(['json_schema', 'json_object', 'none']).optional(),
  CACHE_URL: optionalText
    .refine((s) => s === undefined || /^(memory|sqlite|redis|rediss):\/\//i.test(s), {
      error: 'must start with memory://, sqlite:// or redis:// (or rediss://)',
    })
    .refine((s) => s === undefined || !/^rediss?:/i.test(s) || URL.canParse(s), {
      error:
        'is not a valid Redis URL (check the host and that the port is a number): redis://[USER:PASSWORD@]HOST[:PORT][/DB]',
    }),
  CACHE_TTL: duration('6h', 1_000, 30 * 86_400_000),
  CACHE_TIMEOUT: duration('250ms', 10, 10_000),
  DATA_DIR: optionalText,
  BRIEFING_MAX_ARTICLES: integer(30, 3, 60),
  BRIEFING_PINS_KEEP: integer(1, 1, 50),
  FEEDS_FILE: optionalText,
  FEED_INTERVAL: duration('15m', 300_000, 7 * 86_400_000),
  FEED_DISABLE_AFTER: duration('48h', 3_600_000, 90 * 86_400_000),
  INGEST_ALLOW_HOSTS: optionalText.refine((s) => parseAllowHosts(s).invalid.length === 0, {
    error:
      'must list host names or IP addresses separated by commas (no scheme, port, path or wildcard), e.g. 127.0.0.1,feeds.intranet.example',
  }),
  ARTICLE_MAX_CHARS: integer(200_000, 10_000, 5_000_000),
  INGEST_MAX_BYTES: integer(5 * 1024 * 1024, 64 * 1024, 100 * 1024 * 1024),
  DIGEST_MAX_PER_GUILD: integer(5, 1, 25),
  DIGEST_GRACE: duration('2h', 0, 24 * 3_600_000),
  SHUTDOWN_GRACE: duration('10s', 1_000, 600_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  LOG_PRETTY: flag,
  HEALTH_PORT: optionalInteger(1, 65_535),
  SHARDS: optionalText.refine(
    (s) => s === undefined || s.toLowerCase() === 'auto' || (/^\d+$/.test(s) && +s >= 1 && +s <= 4096),
    { error: 'must be auto or a number of shards from 1 to 4096 (leave it unset for one process)' },
  ),
  SHARD_SPAWN_DELAY: duration('5.5s', 0, 60_000),
  HEALTH_HOST: listenHost,
});

/** How to reach the language model (the LLM client takes these plus its logger). */
export interface LlmSettings {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Longest answer, in tokens (`max_tokens`); default 1000. */
  maxTokens?: number;
  responseFormat: 'json_schema' | 'json_object' | 'none';
}

/** The validated settings of one process. Secrets are kept here and nowhere else. */
export interface Config {
  discord: { token?: string; appId?: string; guildId?: string; apiUrl?: string };
  /** Null when no LLM is configured: briefings are then extractive. */
  llm: LlmSettings | null;
  cache: { url: string; ttlMs: number; opTimeoutMs: number };
  dataDir: string;
  databasePath: string;
  maxArticles: number;
  /** Longest article body stored, in characters; longer ones are cut at a boundary (logged). */
  maxArticleChars: number;
  /** How many of its briefing pins the bot keeps per channel when it pins a new one. */
  pinsKeep: number;
  /** Daily LLM token budgets (input + output, per UTC day); null = unlimited. */
  budget: { total: number | null; perServer: number | null };
  /** NOTES_EAGER: write an article's notes right after it is stored, in the background. */
  notesEager: boolean;
  /** BRIEFING_REFRESH_MINUTES: a topic's /news briefing is rewritten for new articles at most this often. */
  refreshMs: number;
  /** BRIEFING_TRANSLATE: a briefing of the same articles in another language is translated, not rewritten. */
  translate: boolean;
  /** NEWS_COOLDOWN: a member's /news turn comes back after this long (0: no cooldown). */
  newsCooldownMs: number;
  /** SHUTDOWN_GRACE: how long a stop signal leaves the work in flight to finish. */
  shutdownGraceMs: number;
  ingest: {
    feedsFile?: string;
    feedIntervalMs: number;
    disableAfterMs: number;
    allowHosts: ReadonlySet<string>;
    maxBytes: number;
  };
  digest: { maxPerGuild: number; graceMs: number };
  /** Undefined when not set, so each transport can pick its own default. */
  logLevel?: (typeof LOG_LEVELS)[number];
  /** LOG_PRETTY: readable, coloured log lines for a terminal instead of JSON. */
  logPretty: boolean;
  /** HEALTH_PORT / HEALTH_HOST: where /healthz, /readyz and /metrics are served; null (the default) = off. */
  health: { port: number; host: string } | null;
  /**
   * SHARDS: `newsdesk start` runs discord.js's ShardingManager with this many shard processes ('auto': as
   * many as Discord recommends), SHARD_SPAWN_DELAY apart; null (the default): one process, no manager.
   */
  sharding: { shards: number | 'auto'; spawnDelayMs: number } | null;
  /** In a shard process started by the manager: its id and the number of shards (its health port is HEALTH_PORT + id). */
  shard: { id: number; count: number } | null;
}

const HINTS: Record<string, string> = {
  LLM_RESPONSE_FORMAT: 'use json_schema, json_object or none',
  LOG_LEVEL: `use one of ${LOG_LEVELS.join(', ')}`,
};

/**
 * Validates the environment once. Throws a ConfigError listing every bad key (names and what to do,
 * never the values).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  options: { checkFiles?: boolean } = {},
): Config {
  const present: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key]?.trim();
    if (value) present[key] = value;
  }
  // A shard process: discord.js's manager sets SHARDS to this shard's id (and SHARD_COUNT).
  const shard = shardOf(env);
  if (shard) delete present.SHARDS;
  const parsed = schema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'environment');
        const message =
          issue.code === 'invalid_value' ? (HINTS[key] ?? 'has an invalid value') : issue.message;
        return `${key} ${message}`;
      });
  const dataDir = path.resolve(cwd, present.DATA_DIR ?? 'data');
  const feedsFile = present.FEEDS_FILE ? path.resolve(cwd, present.FEEDS_FILE) : undefined;
  if (options.checkFiles) problems.push(...fileProblems(dataDir, feedsFile));
  if (!parsed.success || problems.length) throw new ConfigError([...new Set(problems)]);
  const e = parsed.data;
  const llmConfigured = Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL);
  return {
    discord: {
      token: e.DISCORD_TOKEN,
      appId: e.DISCORD_APP_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
    },
    llm: llmConfigured
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL ?? 'gpt-4o-mini',
          timeoutMs: e.LLM_TIMEOUT,
          maxRetries: e.LLM_MAX_RETRIES,
          maxTokens: e.LLM_MAX_TOKENS,
          responseFormat: e.LLM_RESPONSE_FORMAT ?? 'json_schema',
        }
      : null,
    cache: { url: e.CACHE_URL ?? 'sqlite://', ttlMs: e.CACHE_TTL, opTimeoutMs: e.CACHE_TIMEOUT },
    dataDir,
    databasePath: path.join(dataDir, 'newsdesk.db'),
    maxArticles: e.BRIEFING_MAX_ARTICLES,
    maxArticleChars: e.ARTICLE_MAX_CHARS,
    pinsKeep: e.BRIEFING_PINS_KEEP,
    shutdownGraceMs: e.SHUTDOWN_GRACE,
    budget: { total: e.LLM_DAILY_TOKENS || null, perServer: e.LLM_DAILY_TOKENS_PER_SERVER || null },
    newsCooldownMs: e.NEWS_COOLDOWN,
    notesEager: e.NOTES_EAGER,
    refreshMs: e.BRIEFING_REFRESH_MINUTES * 60_000,
    translate: e.BRIEFING_TRANSLATE,
    ingest: {
      feedsFile,
      feedIntervalMs: e.FEED_INTERVAL,
      disableAfterMs: e.FEED_DISABLE_AFTER,
      allowHosts: parseAllowHosts(e.INGEST_ALLOW_HOSTS).hosts,
      maxBytes: e.INGEST_MAX_BYTES,
    },
    digest: { maxPerGuild: e.DIGEST_MAX_PER_GUILD, graceMs: e.DIGEST_GRACE },
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    health:
      e.HEALTH_PORT === undefined
        ? null
        : { port: e.HEALTH_PORT + (shard?.id ?? 0), host: e.HEALTH_HOST ?? '127.0.0.1' },
    sharding:
      e.SHARDS === undefined
        ? null
        : { shards: /^auto$/i.test(e.SHARDS) ? 'auto' : Number(e.SHARDS), spawnDelayMs: e.SHARD_SPAWN_DELAY },
    shard,
  };
}

/** This process's shard when discord.js's ShardingManager started it (SHARDING_MANAGER, SHARDS, SHARD_COUNT). */
function shardOf(env: NodeJS.ProcessEnv): { id: number; count: number } | null {
  if (env.SHARDING_MANAGER !== 'true') return null;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  return Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count ? { id, count } : null;
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function canAccess(file: string, mode: number): boolean {
  try {
    accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with the folder and files the settings name, checked before anything opens them, so that
 * the start-up report lists them with the other problems (paths are not secret; values of other settings
 * are never shown).
 */
function fileProblems(dataDir: string, feedsFile: string | undefined): string[] {
  const problems: string[] = [];
  const dir = statOrNull(dataDir);
  if (dir && !dir.isDirectory()) problems.push(`DATA_DIR names a file, not a folder: ${dataDir}`);
  else if (dir && !canAccess(dataDir, constants.W_OK | constants.X_OK))
    problems.push(`DATA_DIR is not writable by this user: ${dataDir}`);
  else if (!dir) {
    // It will be created: the nearest folder that exists must let us.
    let parent = path.dirname(dataDir);
    while (!statOrNull(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    const st = statOrNull(parent);
    if (!st?.isDirectory() || !canAccess(parent, constants.W_OK | constants.X_OK))
      problems.push(`DATA_DIR ${dataDir} does not exist and cannot be created in ${parent}`);
  }
  if (feedsFile !== undefined) {
    const st = statOrNull(feedsFile);
    if (!st) problems.push(`FEEDS_FILE names a file that does not exist: ${feedsFile}`);
    else if (!st.isFile()) problems.push(`FEEDS_FILE is not a regular file: ${feedsFile}`);
    else if (!canAccess(feedsFile, constants.R_OK))
      problems.push(`FEEDS_FILE is not readable by this user: ${feedsFile}`);
  }
  return problems;
}

/** Settings that must never be printed; used to scrub logs and error messages. */
export function secretValues(config: Config): string[] {
  const secrets = [
    config.discord.token,
    config.llm?.apiKey,
    ...urlSecrets(config.cache.url),
    ...(config.llm?.baseURL ? urlSecrets(config.llm.baseURL) : []),
  ];
  return [...new Set(secrets.filter((s): s is string => Boolean(s && s.length >= 4)))];
}
