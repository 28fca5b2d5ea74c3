/**
 * Budgets on Redis while Redis goes away mid-run: the whole app (createApp) on its own redis-server,
 * requests that charge the budgets, then Redis hangs (SIGSTOP: commands sent and unanswered, the lost
 * reply), comes back, is killed (SIGKILL) and restarted. Answers keep coming within a bound the whole
 * time, and in the end Redis's day counters equal, exactly, the sum of the usage figures the API sent.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type KeyvRedis from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { utcDay } from '../../src/briefing/llm-usage.js';
import { createCache, type CacheHandle } from '../../src/cache/create-cache.js';
import { RedisCounters } from '../../src/cache/redis-counters.js';
import { loadConfig } from '../../src/config.js';
import { hasRedisServer, LocalRedis } from '../cache/redis-server.js';
import { makeArticle, recordingLogger } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';

const SKIP = !hasRedisServer();
if (SKIP)
  console.warn(
    'redis outage budget test skipped: redis-server is not on PATH (apt-get install redis-server)',
  );

const GUILDS = ['1350000000000000001', '1350000000000000002'];
let redis: LocalRedis;
let llm: FakeLlm;
let app: App;
let reader: CacheHandle<unknown>;
const log = recordingLogger('info');
/** The usage figures of every answer the endpoint sent, summed as they arrive (input + output). */
let sentTokens = 0;
let sentAnswers = 0;

beforeAll(async () => {
  if (SKIP) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-outage-'));
  // Kept on disk at every write, so that a killed Redis comes back with what it had taken.
  redis = await LocalRedis.start(undefined, ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]);
  llm = await FakeLlm.start();
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = (await response.clone().json()) as {
      usage?: { prompt_tokens: number; completion_tokens: number };
    };
    if (body.usage) {
      sentTokens += body.usage.prompt_tokens + body.usage.completion_tokens;
      sentAnswers += 1;
    }
    return response;
  };
  const config = loadConfig({
    DATA_DIR: dir,
    CACHE_URL: redis.url,
    CACHE_TIMEOUT: '200ms',
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'fake-model',
    OPENAI_API_KEY: 'sk-test',
    LLM_MAX_RETRIES: '0',
    LLM_DAILY_TOKENS: '100000000',
    LLM_DAILY_TOKENS_PER_SERVER: '100000000',
  });
  app = await createApp(config, log.logger, { fetch: countingFetch });
  reader = createCache<unknown>({ url: redis.url, logger: recordingLogger().logger });
}, 30_000);

afterAll(async () => {
  // beforeAll may have failed part way (or skipped), leaving some of these unassigned.
  await (app as App | undefined)?.close();
  await (reader as CacheHandle<unknown> | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
  await (redis as LocalRedis | undefined)?.kill();
});

let article = 0;
/** New articles about `word`, then /news on them for both servers; every answer within `boundMs`. */
async function round(word: string, boundMs: number): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < 3; i++) {
    article += 1;
    app.store.upsert(
      makeArticle(article, now, {
        title: `${word} report ${article} on harbour works`,
        url: `https://n.example/${article}`,
      }),
    );
  }
  for (const guildId of GUILDS) {
    const started = performance.now();
    const result = await app.briefings.get({ topic: word, hours: 48, length: 'short', guildId });
    expect(result.briefing.bullets.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(boundMs);
  }
}

function outbox(): number {
  return app.db.prepare('SELECT COUNT(*) FROM llm_usage_outbox').pluck().get() as number;
}

describe.skipIf(SKIP)('budgets on Redis when Redis goes away mid-run', () => {
  it('answers keep coming, and nothing is lost or charged twice: Redis ends at the sum of the API usage figures', async () => {
    const counters = new RedisCounters(reader.keyv.store as KeyvRedis<unknown>, {
      timeoutMs: 1_000,
      logger: recordingLogger().logger,
    });
    llm.set({ promptTokens: 1_111, completionTokens: 17 });
    await round('alpha', 5_000);
    await round('bravo', 5_000);
    const early = sentTokens;
    expect(early).toBeGreaterThan(0);

    // A hang: commands are sent and not answered (a lost reply), then all answered at once.
    redis.pause();
    llm.set({ promptTokens: 2_222, completionTokens: 29 });
    await round('charlie', 8_000);
    await round('delta', 8_000);
    redis.resume();

    // A crash, requests while it is gone, and a restart.
    llm.set({ promptTokens: 3_333, completionTokens: 41 });
    await round('echo', 8_000);
    await redis.kill();
    await round('foxtrot', 8_000);
    await round('golf', 8_000);
    expect(outbox()).toBeGreaterThan(0);
    await redis.restart();
    llm.set({ promptTokens: 4_444, completionTokens: 53 });
    await round('hotel', 8_000);

    await expect.poll(outbox, { timeout: 15_000, interval: 200 }).toBe(0);
    const day = utcDay(Date.now());
    const bot = await counters.tokens(day, null);
    const servers = await Promise.all(GUILDS.map((g) => counters.tokens(day, g)));
    expect(sentAnswers).toBeGreaterThanOrEqual(16);
    expect(bot?.bot).toBe(sentTokens);
    // Every call here was made for one of the two servers.
    expect(servers.reduce((sum, s) => sum + (s?.server ?? 0), 0)).toBe(sentTokens);
    // The local ledger has everything too.
    const local = app.db
      .prepare('SELECT SUM(input_tokens + output_tokens) FROM llm_usage WHERE day = ?')
      .pluck()
      .get(day);
    expect(local).toBe(sentTokens);
    const lines = log.lines.map((l) => String(l.msg));
    expect(
      lines.filter((m) => m.startsWith('redis counters: redis unavailable')).length,
    ).toBeGreaterThanOrEqual(1);
    expect(lines.some((m) => m.startsWith('redis counters: redis answers again'))).toBe(true);
  }, 120_000);
});
