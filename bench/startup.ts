/**
 * `npx tsx bench/startup.ts` (the last step of `npm run bench`, after `npm run build`): what starting the
 * bot costs, compiled (bin/newsdesk.js, dist/) against the TypeScript sources through tsx
 * (bin/newsdesk-dev.js). Discord mode against the fake Discord server from tests/support; for each variant,
 * BENCH_STARTUP_RUNS runs (default 5, the variants taking turns), medians printed:
 *  - start to ready: spawning node until the bot logs "connected to Discord" (the gateway's READY handled,
 *    the guilds cached), read from that log line's own timestamp;
 *  - idle RSS: VmRSS of the node process (spawned directly, no npm wrapper) BENCH_SETTLE_MS (default 5000)
 *    after ready;
 *  - a one-shot CLI call (`newsdesk articles list --limit 1`), spawn to exit.
 * The store holds the 21 sample articles (imported once, before the runs), as after a first start; an LLM
 * is configured (the fake one, not called while idle), as in production.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, COMPILED_BIN, fakeToken, PROJECT_ROOT, spawnBot } from '../tests/support/bot-process.js';
import { startFakeDiscord } from '../tests/support/fake-discord/index.js';
import { FakeLlm } from '../tests/support/fake-llm.js';
import { median, rssMiB } from './stats.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const APP_ID = '1330000000000000001';
const GUILD_ID = '1330000000000000002';
const TOKEN = fakeToken(APP_ID);

const VARIANTS = [
  { name: 'compiled (dist/)', bin: COMPILED_BIN },
  { name: 'tsx (sources)', bin: BIN },
] as const;

interface Sample {
  readyMs: number;
  idleRssMiB: number;
  cliMs: number;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(PROJECT_ROOT, 'dist/src/cli/run.js')))
    throw new Error('no dist/: run `npm run build` first (npm run bench does)');
  const discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Bench', channels: [{ id: '1330000000000000003', name: 'general' }] }],
  });
  const llm = await FakeLlm.start();
  const cwd = mkdtempSync(path.join(tmpdir(), 'newsdesk-startup-'));
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'fake-model',
    LOG_LEVEL: 'info',
  };
  const seed = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], env, {
    cwd,
    bin: COMPILED_BIN,
  });
  if ((await seed.exited) !== 0) throw new Error(seed.stderr());

  async function once(bin: string): Promise<Sample> {
    const spawnedAt = Date.now();
    const bot = spawnBot(['start'], env, { cwd, bin });
    try {
      const ready = await bot.waitForLog('connected to Discord', 60_000);
      const readyMs = Number(ready.time) - spawnedAt;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const idleRssMiB = (await rssMiB(bot.proc.pid!)) ?? NaN;
      if ((await bot.stop()) !== 0) throw new Error(`the bot did not stop cleanly:\n${bot.stderr()}`);
      const cliStart = performance.now();
      const cli = spawnBot(['articles', 'list', '--limit', '1'], env, { cwd, bin });
      if ((await cli.exited) !== 0) throw new Error(cli.stderr());
      return { readyMs, idleRssMiB, cliMs: performance.now() - cliStart };
    } finally {
      await bot.stop();
    }
  }

  const samples = new Map<string, Sample[]>(VARIANTS.map((v) => [v.name, []]));
  try {
    for (let i = 0; i < RUNS; i++)
      for (const v of i % 2 ? [...VARIANTS].reverse() : VARIANTS)
        samples.get(v.name)!.push(await once(v.bin));
  } finally {
    await discord.close();
    await llm.close();
  }

  const row = (name: string) => {
    const s = samples.get(name)!;
    return {
      ready: median(s.map((x) => x.readyMs)),
      rss: median(s.map((x) => x.idleRssMiB)),
      cli: median(s.map((x) => x.cliMs)),
    };
  };
  const [compiled, tsx] = VARIANTS.map((v) => row(v.name)) as [
    ReturnType<typeof row>,
    ReturnType<typeof row>,
  ];
  console.log(
    `\nStart-up, Discord mode (fake Discord), median of ${RUNS} runs each, idle RSS ${SETTLE_MS / 1000} s after ready (node ${process.version}):`,
  );
  console.log('| What | compiled (dist/) | tsx (sources) | compiled / tsx |');
  console.log('|---|---|---|---|');
  const line = (what: string, a: number, b: number, unit: string, digits = 0) =>
    console.log(
      `| ${what} | ${a.toFixed(digits)} ${unit} | ${b.toFixed(digits)} ${unit} | ${(a / b).toFixed(2)} |`,
    );
  line('Start to ready (spawn -> "connected to Discord")', compiled.ready, tsx.ready, 'ms');
  line('Idle RSS of the bot', compiled.rss, tsx.rss, 'MiB', 1);
  line('CLI call (`articles list --limit 1`, spawn -> exit)', compiled.cli, tsx.cli, 'ms');
  const all = samples.get(VARIANTS[0].name)!.map((s) => s.idleRssMiB.toFixed(1));
  console.log(`compiled idle RSS per run: ${all.join(', ')} MiB (goal: <= 150 MiB)`);
}

await main();
