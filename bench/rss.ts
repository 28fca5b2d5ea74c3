/**
 * `npx tsx bench/rss.ts`: peak memory with a full store while serving /news.
 *  - the real app (createApp: SQLite store, sqlite:// cache, the LLM client) in a fresh DATA_DIR, the fake
 *    LLM (tests/support) in this process as its endpoint;
 *  - 100,000 synthetic articles of news-like sizes (bodies of 2-9 paragraphs, 500-5,000 characters, ~2,000
 *    on average) stored through ArticleStore.upsert in transactions of 5,000;
 *  - then a stream of /news through the app's dispatcher (10 in flight, topics Zipf-distributed, three
 *    lengths), while `process.memoryUsage().rss` is sampled every 10 ms;
 *  - prints: store size, articles, RSS before and after the fill, peak RSS while serving (sampled, and the
 *    kernel's maxRSS), requests served, p50/p99 latency.
 * Options: BENCH_ARTICLES (default 100000), BENCH_REQUESTS (default 1000).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Reply } from '../src/interactions/command.js';
import type { RawInvocation, Responder } from '../src/interactions/dispatcher.js';
import { createLogger } from '../src/logger.js';
import { FakeLlm } from '../tests/support/fake-llm.js';
import { fmt, median, percentile, pool } from './stats.js';
import { PLACES, WORDS } from './vocabulary.js';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const HOUR = 3_600_000;
const MiB = 1024 * 1024;
const VERBS = 'said announced warned confirmed denied estimated reported promised'.split(' ');

const pick = <T>(list: readonly T[], n: number): T => list[Math.abs(n) % list.length]!;

/** A sentence of ~120 characters with figures, a place and an attribution, varied by `seed`. */
function sentence(seed: number, i: number): string {
  const a = pick(WORDS, seed * 7 + i);
  const b = pick(WORDS, seed * 13 + i * 3);
  return `${pick(PLACES, seed + i)} officials ${pick(VERBS, seed + i * 5)} on day ${(seed + i) % 28} that the ${a} plan would cost ${((seed * 31 + i) % 900) + 10} million and affect the ${b} sector.`;
}

/** A news-like article: a headline, 1-8 paragraphs of 2-5 sentences (600-6,000 characters). */
function article(i: number, now: number) {
  const paragraphs = 2 + ((i * 7919) % 8);
  const body = Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: 2 + ((i + p) % 4) }, (_, s) => sentence(i, p * 5 + s)).join(' '),
  ).join('\n\n');
  return {
    url: `https://bench.example/${i}`,
    source: pick(['Wire A', 'Wire B', 'Gazette', 'Herald', 'Courier'], i),
    title: `${pick(PLACES, i * 11)}: ${pick(WORDS, i * 7)} and ${pick(WORDS, i * 13 + 3)} update ${i}`,
    byline: null,
    publishedAt: now - (i % (24 * 30)) * HOUR - (i % 3_600) * 1000,
    body,
    imageUrl: null,
  };
}

/** Topics by Zipf rank: a few are asked often, most rarely. */
function zipfTopics(n: number): string[] {
  const topics = [...WORDS, ...PLACES];
  const weights = topics.map((_, r) => 1 / (r + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * total;
  return Array.from({ length: n }, () => {
    let x = random();
    for (let r = 0; r < topics.length; r++) if ((x -= weights[r]!) <= 0) return topics[r]!;
    return topics[0]!;
  });
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-rss-'));
  const llm = await FakeLlm.start();
  const config = loadConfig({
    DATA_DIR: dir,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'fake-model',
    OPENAI_API_KEY: 'sk-bench',
    LLM_MAX_RETRIES: '0',
    NEWS_COOLDOWN: '0',
  });
  const app = await createApp(config, createLogger({ level: 'silent' }));
  const rssStart = process.memoryUsage().rss;

  const now = Date.now();
  const filled = performance.now();
  let bodyChars = 0;
  const insert = app.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const a = article(i, now);
      bodyChars += a.body.length;
      app.store.upsert(a);
    }
  });
  for (let i = 0; i < COUNT; i += 5_000) insert(i, Math.min(COUNT, i + 5_000));
  const fillSeconds = (performance.now() - filled) / 1000;
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  const storeBytes = statSync(config.databasePath).size;
  const rssFilled = process.memoryUsage().rss;

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const lengths = ['short', 'standard', 'detailed'] as const;
  const latencies: number[] = [];
  const byKind = { cached: [] as number[], written: [] as number[] };
  let served = 0;
  let failed = 0;
  const topics = zipfTopics(REQUESTS);
  const serving = performance.now();
  await pool(
    topics.map((topic, i) => ({ topic, i })),
    10,
    async ({ topic, i }) => {
      const raw: RawInvocation = {
        id: `bench-${i}`,
        commandName: 'news',
        subcommand: null,
        rawOptions: { topic, length: pick(lengths, i) },
        userId: `member-${i % 200}`,
        userName: 'bench',
        guildId: `guild-${i % 20}`,
        channelId: 'channel',
        locale: 'en-US',
        memberPermissions: 0n,
      };
      const seen: { kind?: keyof typeof byKind } = {};
      const responder: Responder = {
        defer: async () => undefined,
        reply: async (reply: Reply) => {
          if (reply.kind !== 'briefing') return;
          served += 1;
          seen.kind = reply.result.cached ? 'cached' : 'written';
        },
        fail: async (message) => {
          failed += 1;
          if (failed <= 3) console.log('failed:', message);
        },
      };
      const t0 = performance.now();
      await app.dispatcher.run(raw, responder);
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (seen.kind) byKind[seen.kind].push(ms);
    },
  );
  const servingSeconds = (performance.now() - serving) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  console.log(
    `\n== Peak RSS with ${COUNT.toLocaleString('en')} stored articles while serving /news (bench/rss.ts)`,
  );
  console.log(
    `store: ${app.store.count().toLocaleString('en')} articles, ${(storeBytes / MiB).toFixed(0)} MiB on disk ` +
      `(bodies ${(bodyChars / COUNT).toFixed(0)} characters on average), filled in ${fillSeconds.toFixed(1)} s`,
  );
  console.log(`RSS: ${mib(rssStart)} before the fill, ${mib(rssFilled)} after it`);
  console.log(
    `serving: ${served} /news answered (${failed} failed) in ${servingSeconds.toFixed(1)} s, 10 in flight, ` +
      `${llm.calls} briefing + ${llm.notesCalls} notes LLM calls (fake LLM, in this process)`,
  );
  console.log(
    `latency: p50 ${fmt(median(latencies))}, p99 ${fmt(percentile(latencies, 99))}; ` +
      `peak RSS while serving ${mib(peak)} (sampled every 10 ms), maxRSS ${mib(maxRss)} (kernel)`,
  );
  for (const [kind, values] of Object.entries(byKind))
    console.log(
      `  ${kind}: ${values.length} answers, p50 ${fmt(median(values))}, p99 ${fmt(percentile(values, 99))}`,
    );
  await app.close();
  await llm.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
