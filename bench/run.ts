/**
 * `npm run bench`: starts the compiled bot as an operator would (a child process) against the fake Discord
 * server and the fake LLM from tests/support, and prints figures (medians and percentiles of this one run):
 *  - /news latency on a cache hit and on a miss (fake LLM taking 500 ms), from the fake gateway's
 *    INTERACTION_CREATE to the final reply request arriving at the fake REST server;
 *  - LLM calls for 100 concurrent identical /news, and for 100 concurrent /news over 10 topics;
 *  - the bot's peak RSS.
 * Options: BENCH_HITS (default 1000), BENCH_MISSES (default 1000), BENCH_MISS_CONCURRENCY (default 20),
 * BENCH_PACE (requests per second of the paced hit run, default 40), BENCH_SOURCES=1 (run the sources
 * through tsx instead of the compiled build).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, COMPILED_BIN, fakeToken, spawnBot, PROJECT_ROOT } from '../tests/support/bot-process.js';
import { startFakeDiscord } from '../tests/support/fake-discord/index.js';
import { FakeLlm } from '../tests/support/fake-llm.js';
import { fmt, median, peakRssMiB, percentile, pool, rssMiB } from './stats.js';

const HITS = Number(process.env.BENCH_HITS ?? 1000);
const MISSES = Number(process.env.BENCH_MISSES ?? 1000);
const MISS_CONCURRENCY = Number(process.env.BENCH_MISS_CONCURRENCY ?? 20);
/** discord.js queues REST requests above 50/s (its global limit); paced runs stay below it. */
const PACE_PER_SECOND = Number(process.env.BENCH_PACE ?? 40);
const APP_ID = '1320000000000000001';
const GUILD_ID = '1320000000000000002';
const CHANNEL_ID = '1320000000000000003';
const TOKEN = fakeToken(APP_ID);
const HOUR = 3_600_000;

/** Articles whose titles carry unique words, so that each miss asks for a different briefing. */
function writeBenchCorpus(dir: string, count: number): string {
  const now = Date.now();
  const articles = Array.from({ length: count }, (_, i) => ({
    title: `Council report zqb${i} on harbour works`,
    url: `https://bench.example/report-${i}`,
    source: ['Coast Gazette', 'Harbour Times', 'City Wire'][i % 3],
    published: new Date(now - ((i % 20) + 1) * HOUR).toISOString(),
    body: `The council published report zqb${i} on Tuesday about the harbour works, officials said. The report covers costs, delays and the next steps for section ${i}.\n\nLocal groups said report zqb${i} left questions about funding open, and asked for a public hearing before the summer.`,
  }));
  for (const t of [
    'alpha',
    'bravo',
    'charlie',
    'delta',
    'echo',
    'foxtrot',
    'golf',
    'hotel',
    'india',
    'juliet',
    'kilo',
  ]) {
    articles.push({
      title: `Project ${t} approved`,
      url: `https://bench.example/${t}`,
      source: 'City Wire',
      published: new Date(now - HOUR).toISOString(),
      body: `Project ${t} was approved by the council on Monday after a long debate, officials said. Construction of project ${t} starts next year.`,
    });
  }
  const file = path.join(dir, 'bench-corpus.json');
  writeFileSync(file, JSON.stringify(articles));
  return file;
}

async function main(): Promise<void> {
  const llm = await FakeLlm.start();
  const discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Bench', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'fake-model',
    LOG_LEVEL: 'warn',
    LLM_TIMEOUT: '30s',
    LLM_MAX_RETRIES: '0',
  };
  // The compiled bot (npm run bench builds it first), as operators run it; BENCH_SOURCES=1: through tsx.
  const bin = process.env.BENCH_SOURCES === '1' ? BIN : COMPILED_BIN;
  const ingest = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], env, { bin });
  if ((await ingest.exited) !== 0) throw new Error(ingest.stderr());
  const corpus = spawnBot(['ingest', writeBenchCorpus(ingest.cwd, MISSES + 10)], env, {
    cwd: ingest.cwd,
    bin,
  });
  if ((await corpus.exited) !== 0) throw new Error(corpus.stderr());
  const bot = spawnBot(['start'], { ...env, LOG_LEVEL: 'info' }, { cwd: ingest.cwd, bin });
  await bot.waitForLog('connected to Discord', 30_000);

  /**
   * Sends /news and returns ms from INTERACTION_CREATE to the final reply request. Each request comes from
   * another member, as in a busy server (one member asking 1,000 times would meet the /news cooldown).
   */
  let member = 0n;
  async function news(values: Record<string, string | number | boolean>): Promise<number> {
    member += 1n;
    const userId = String(1330000000000000000n + member);
    const sent = discord.command('news', values, { guildId: GUILD_ID, channelId: CHANNEL_ID, userId });
    const start = discord.interaction(sent.id).createdAt;
    const reply = await discord.waitForRequest(
      (r) => r.interactionId === sent.id && r.method === 'PATCH',
      60_000,
    );
    return reply.at - start;
  }

  try {
    const rssAfterStart = await rssMiB(bot.proc.pid!);
    // Cache hit: one warm-up miss, then the same request again and again: paced below discord.js's
    // 50 requests/s global limiter, then back to back (where that limiter queues the replies).
    await news({ topic: 'harbour', hours: 48 });
    const hitCallsBefore = llm.calls;
    const hits: number[] = [];
    const pacedStart = performance.now();
    for (let i = 0; i < HITS; i++) {
      const due = pacedStart + (i * 1000) / PACE_PER_SECOND;
      if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      hits.push(await news({ topic: 'harbour', hours: 48 }));
    }
    const burst: number[] = [];
    for (let i = 0; i < HITS; i++) burst.push(await news({ topic: 'harbour', hours: 48 }));
    const hitCalls = llm.calls - hitCallsBefore;

    // Cache miss: every request a different briefing, the LLM taking 500 ms.
    llm.set({ delayMs: 500 });
    const missCallsBefore = llm.calls;
    const misses = await pool(
      Array.from({ length: MISSES }, (_, i) => i),
      MISS_CONCURRENCY,
      (i) => news({ topic: `zqb${i}`, hours: 48 }),
    );
    const missCalls = llm.calls - missCallsBefore;

    // Single-flight.
    llm.set({ delayMs: 300 });
    let before = llm.calls;
    await Promise.all(Array.from({ length: 100 }, () => news({ topic: 'kilo', hours: 48 })));
    const identical = llm.calls - before;
    const topics = [
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
      'foxtrot',
      'golf',
      'hotel',
      'india',
      'juliet',
    ];
    before = llm.calls;
    await Promise.all(Array.from({ length: 100 }, (_, i) => news({ topic: topics[i % 10]!, hours: 48 })));
    const tenTopics = llm.calls - before;

    const rss = await peakRssMiB(bot.proc.pid!);
    const violations = discord.specViolations().length;
    const rows: [string, string][] = [
      [
        `/news cache hit, ${HITS} paced at ${PACE_PER_SECOND}/s`,
        `median ${fmt(median(hits))}, p99 ${fmt(percentile(hits, 99))}`,
      ],
      [
        `/news cache hit, ${HITS} back to back`,
        `median ${fmt(median(burst))}, p99 ${fmt(percentile(burst, 99))} (LLM calls for all hits: ${hitCalls})`,
      ],
      [
        `/news cache miss, LLM 500 ms, ${MISSES} at ${MISS_CONCURRENCY} concurrent`,
        `median ${fmt(median(misses))}, p99 ${fmt(percentile(misses, 99))} (LLM calls: ${missCalls})`,
      ],
      ['miss / hit median ratio', `${(median(misses) / median(hits)).toFixed(1)}x`],
      ['LLM calls for 100 concurrent identical /news', `${identical} (must be 1)`],
      ['LLM calls for 100 concurrent /news over 10 topics', `${tenTopics} (must be 10)`],
      [
        'bot RSS after start / peak (VmHWM)',
        rss === null || rssAfterStart === null
          ? 'n/a (no /proc)'
          : `${rssAfterStart.toFixed(1)} MiB / ${rss.toFixed(1)} MiB`,
      ],
      ['REST bodies violating Discord’s OpenAPI spec', String(violations)],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`newsdesk benchmark — ${new Date().toISOString()}, Node ${process.version}\n`);
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    if (identical !== 1 || tenTopics !== 10) process.exitCode = 1;
  } finally {
    await bot.stop();
    await discord.close();
    await llm.close();
  }
}

await main();
