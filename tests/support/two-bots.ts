/**
 * Two real bot processes (`newsdesk start`, as spawnBot runs it) on one Redis, one fake Discord and one
 * fake LLM, sharing one data folder (the processes of one host: one SQLite database in WAL mode). Both
 * hold the same server, as two copies of a bot do (during a rolling restart, or run twice by mistake), so
 * each interaction goes to one of them (the fake's `session` option) and both see its digest come due.
 * Used by tests/e2e/two-processes.test.ts and bench/two-processes.ts.
 */
import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '../../src/articles/database.js';
import { DigestStore } from '../../src/digest/digest-store.js';
import { writeHarbourArticles } from '../e2e/harbour-articles.js';
import { fakeToken, freePort, PROJECT_ROOT, spawnBot, type BotProcess } from './bot-process.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';
import { finalReply } from './final-reply.js';
import { FakeLlm } from './fake-llm.js';

/** A random snowflake (ids differ per run, so that claims left in a shared Redis never match). */
const snowflake = () =>
  String(BigInt(Date.now() - 1_420_070_400_000) * 4_194_304n + BigInt(randomInt(4_194_304)));

export interface TwoBots {
  discord: FakeDiscord;
  llm: FakeLlm;
  bots: [BotProcess, BotProcess];
  healthPorts: [number, number];
  guildId: string;
  channelId: string;
  digestChannelId: string;
  /** Posts in the digest channel so far. */
  digestPosts(): number;
  /** Processes that took the feed lease (they poll the feeds). */
  pollers(): number;
  /** `count` identical /news at once, alternately to each process; reply latencies in ms (to the final answer). */
  newsBurst(count: number): Promise<number[]>;
  /** /news answered by each process (its /metrics). */
  answeredBy(): Promise<[number, number]>;
  close(): Promise<void>;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts both processes with a digest due now; resolves once both are connected and the digest is posted. */
export async function startTwoBots(
  redisUrl: string,
  options: { llmDelayMs?: number; bin?: string } = {},
): Promise<TwoBots> {
  const appId = snowflake();
  const token = fakeToken(appId);
  const [guildId, channelId, digestChannelId] = [snowflake(), snowflake(), snowflake()];
  const llm = await FakeLlm.start();
  llm.set({ delayMs: options.llmDelayMs ?? 300 });
  const discord = await startFakeDiscord({
    token,
    applicationId: appId,
    guilds: [
      {
        id: guildId,
        name: 'Newsroom',
        channels: [
          { id: channelId, name: 'general' },
          { id: digestChannelId, name: 'digests' },
        ],
      },
    ],
  });
  const env = {
    DISCORD_TOKEN: token,
    DISCORD_API_URL: discord.restUrl,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_API_KEY: 'sk-two-processes',
    // A model name of its own: briefings cached in the shared Redis by an earlier run never match.
    OPENAI_MODEL: `fake-model-${randomBytes(4).toString('hex')}`,
    LLM_TIMEOUT: '10s',
    LLM_MAX_RETRIES: '0',
    CACHE_URL: redisUrl,
    NEWS_COOLDOWN: '0',
    LOG_LEVEL: 'info',
  };
  const ingest = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], env);
  if ((await ingest.exited) !== 0) throw new Error(`ingest failed:\n${ingest.stderr()}`);
  const cwd = ingest.cwd;
  const more = spawnBot(['ingest', writeHarbourArticles(cwd)], env, { cwd });
  if ((await more.exited) !== 0) throw new Error(`ingest failed:\n${more.stderr()}`);
  // A digest due now (this UTC minute), set an hour ago: both processes find it due when they start.
  const now = Date.now();
  const db = openDatabase(path.join(cwd, 'data', 'newsdesk.db'));
  new DigestStore(db).save({
    guildId,
    id: 'morning',
    name: 'Morning',
    channelId: digestChannelId,
    time: new Date(now).toISOString().slice(11, 16),
    timezone: 'UTC',
    topic: null,
    length: 'standard',
    pin: false,
    quietNote: true,
    locale: null,
    paused: null,
    createdBy: 'admin',
    createdAt: now - 3_600_000,
    updatedAt: now - 3_600_000,
    scheduleFrom: now - 3_600_000,
    lastSuccessAt: null,
  });
  db.close();
  const healthPorts: [number, number] = [await freePort(), await freePort()];
  const bots = healthPorts.map((port) =>
    spawnBot(
      ['start'],
      { ...env, HEALTH_PORT: String(port) },
      { cwd, ...(options.bin ? { bin: options.bin } : {}) },
    ),
  ) as [BotProcess, BotProcess];
  const digestPosts = () =>
    discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${digestChannelId}/messages`)
      .length;
  const close = async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await discord.close();
    await llm.close();
  };
  try {
    await Promise.all(bots.map((b) => b.waitForLog('connected to Discord', 60_000)));
    await waitFor(() => digestPosts() > 0, 30_000, 'the digest post');
  } catch (err) {
    await close();
    throw err;
  }
  return {
    discord,
    llm,
    bots,
    healthPorts,
    guildId,
    channelId,
    digestChannelId,
    digestPosts,
    pollers: () =>
      bots.filter((b) => b.logs().some((l) => String(l.msg).startsWith('feed lease taken'))).length,
    async newsBurst(count) {
      return Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const started = performance.now();
          const sent = discord.command(
            'news',
            { topic: 'harbour', hours: 48 },
            { guildId, channelId, session: i % 2, userId: String(BigInt(appId) + BigInt(i + 1)) },
          );
          await discord.waitForRequest(finalReply(sent.id), 30_000);
          return performance.now() - started;
        }),
      );
    },
    async answeredBy() {
      const counts = await Promise.all(
        healthPorts.map(async (port) => {
          const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          return [...text.matchAll(/newsdesk_interactions_total\{[^}]*command="news"[^}]*\} (\d+)/g)].reduce(
            (sum, m) => sum + Number(m[1]),
            0,
          );
        }),
      );
      return counts as [number, number];
    },
    close,
  };
}
