/**
 * Two bot processes on one Redis (`CACHE_URL=redis://…`), one fake Discord and one fake LLM (taking
 * 300 ms), sharing one data folder, both holding the same server (tests/support/two-bots.ts). Each round
 * starts a fresh pair with a digest due, then sends 100 concurrent identical /news spread over both.
 * Prints, as medians over the rounds: briefing LLM calls for the 100 /news, digest posts, processes that
 * poll the feeds, and /news reply latency p50/p99 (INTERACTION_CREATE to the final reply at the fake).
 * Redis: REDIS_URL, else a throwaway redis-server on a free port (skipped, saying so, without either).
 * Options: BENCH_TWO_ROUNDS (default 3), BENCH_SOURCES=1 (the sources through tsx, not the compiled build).
 */
import { existsSync } from 'node:fs';
import { COMPILED_BIN, PROJECT_ROOT } from '../tests/support/bot-process.js';
import { hasRedisServer, LocalRedis } from '../tests/cache/redis-server.js';
import { startTwoBots } from '../tests/support/two-bots.js';
import { median, percentile } from './stats.js';
import path from 'node:path';

const rounds = Number(process.env.BENCH_TWO_ROUNDS ?? 3);
const compiled = !process.env.BENCH_SOURCES && existsSync(path.join(PROJECT_ROOT, 'dist/src/cli/run.js'));

let local: LocalRedis | null = null;
let url = process.env.REDIS_URL;
if (!url && hasRedisServer()) {
  local = await LocalRedis.start();
  url = local.url;
}
if (!url) {
  console.log('two processes: skipped (no REDIS_URL and no redis-server on PATH)');
  process.exit(0);
}

const figures: { calls: number; posts: number; pollers: number; p50: number; p99: number; spread: string }[] =
  [];
try {
  for (let round = 0; round < rounds; round++) {
    const two = await startTwoBots(url, compiled ? { bin: COMPILED_BIN } : {});
    try {
      await new Promise((r) => setTimeout(r, 1_000)); // the other process had its chance at the digest
      const before = two.llm.calls;
      const latencies = await two.newsBurst(100);
      figures.push({
        calls: two.llm.calls - before,
        posts: two.digestPosts(),
        pollers: two.pollers(),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        spread: (await two.answeredBy()).join('+'),
      });
    } finally {
      await two.close();
    }
  }
} finally {
  await local?.kill();
}

const m = (pick: (f: (typeof figures)[number]) => number) => median(figures.map(pick));
console.log(
  `\n## Two bot processes on one Redis (${compiled ? 'compiled' : 'tsx sources'}, fake LLM 300 ms; medians of ${rounds} rounds)`,
);
console.log('| What | Figure |');
console.log('|---|---|');
console.log(
  `| briefing LLM calls for 100 concurrent identical /news over both | ${m((f) => f.calls)} (goal: 1) |`,
);
console.log(`| /news answered by each process | ${figures.map((f) => f.spread).join(', ')} |`);
console.log(`| posts of one digest due in both | ${m((f) => f.posts)} (goal: 1) |`);
console.log(`| processes polling the feeds | ${m((f) => f.pollers)} (goal: 1) |`);
console.log(
  `| /news reply latency p50 / p99 | ${m((f) => f.p50).toFixed(0)} ms / ${m((f) => f.p99).toFixed(0)} ms |`,
);
