/**
 * Cost limits end to end, with the real discord.js client against the fake Discord: the member over the
 * /news cooldown and the server over its daily LLM token budget get a clear private answer, and a cache
 * hit stays free. On both backends: the defaults (this process's memory and the SQLite ledger) and Redis
 * (CACHE_URL=redis://, a redis-server of the test's own), where two bot processes share the limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { fakeToken, folderWithArticles, spawnBot, type BotProcess } from '../support/bot-process.js';
import { FakeLlm } from '../support/fake-llm.js';
import { finalReply } from '../support/final-reply.js';
import { hasRedisServer, LocalRedis } from '../cache/redis-server.js';

const APP_ID = '1340000000000000001';
const BUDGET_GUILD = '1340000000000000002';
const BUDGET_CHANNEL = '1340000000000000003';
const BUSY_GUILD = '1340000000000000004';
const BUSY_CHANNEL = '1340000000000000005';
const TOKEN = fakeToken(APP_ID);
const GUILDS = [
  { id: BUDGET_GUILD, name: 'Thrifty', channels: [{ id: BUDGET_CHANNEL, name: 'general' }] },
  { id: BUSY_GUILD, name: 'Busy', channels: [{ id: BUSY_CHANNEL, name: 'general' }] },
];
const REDIS = hasRedisServer();
if (!REDIS)
  console.warn('limits on Redis skipped: redis-server is not on PATH (apt-get install redis-server)');

/** One bot process with its own fake Discord (the same servers), the shared fake LLM and `env`. */
async function startBot(llm: FakeLlm, env: Record<string, string>) {
  const discord = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID, guilds: GUILDS });
  const bot = spawnBot(
    ['start'],
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.restUrl,
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: 'fake-model',
      LLM_MAX_RETRIES: '0',
      LLM_MAX_TOKENS: '200',
      // A call's prompt fits easily; the test then makes the endpoint report 30,050 tokens a call.
      LLM_DAILY_TOKENS_PER_SERVER: '20000',
      NEWS_COOLDOWN: '60s',
      ...env,
    },
    { cwd: await folderWithArticles() },
  );
  await bot.waitForLog('connected to Discord');
  return { discord, bot };
}

interface Body {
  type?: number;
  content?: string;
  flags?: number;
  data?: { content?: string; flags?: number };
  embeds?: { description?: string; footer?: { text: string } }[];
}

async function news(
  discord: FakeDiscord,
  topic: string,
  o: { guildId: string; channelId: string; userId: string },
) {
  const sent = discord.command('news', { topic, length: 'short' }, o);
  const reply = await discord.waitForRequest(finalReply(sent.id), 10_000);
  return { id: sent.id, body: reply.body as Body };
}

const BACKENDS = [
  { name: 'the defaults (memory and SQLite)', redis: false, skip: false },
  { name: 'Redis', redis: true, skip: !REDIS },
];

describe.each(BACKENDS)('limits on $name', ({ redis: onRedis, skip }) => {
  let discord: FakeDiscord;
  let llm: FakeLlm;
  let bot: BotProcess;
  let redis: LocalRedis | undefined;
  const others: { discord: FakeDiscord; bot: BotProcess }[] = [];

  beforeAll(async () => {
    if (skip) return;
    llm = await FakeLlm.start();
    redis = onRedis ? await LocalRedis.start() : undefined;
    ({ discord, bot } = await startBot(llm, redis ? { CACHE_URL: redis.url } : {}));
  }, 60_000);

  afterAll(async () => {
    for (const other of others) {
      await other.bot.stop();
      await other.discord.close();
    }
    await (bot as BotProcess | undefined)?.stop();
    await (discord as FakeDiscord | undefined)?.close();
    await (llm as FakeLlm | undefined)?.close();
    await redis?.kill();
  });

  it.skipIf(skip)(
    'a server over its daily token budget gets the labelled extractive briefing and, privately, when it resets',
    async () => {
      const where = { guildId: BUDGET_GUILD, channelId: BUDGET_CHANNEL, userId: '1340000000000000100' };
      const first = await news(discord, 'iraq', where);
      expect(first.body.embeds?.[0]?.footer?.text).toMatch(/fake-model$/);
      // From now on the endpoint reports 30,050 tokens a call: the next new briefing's first notes calls
      // use the server's day up, and its briefing call is not made.
      llm.set({ promptTokens: 30_000, completionTokens: 50 });
      const calls = llm.calls;

      const over = await news(discord, 'tsunami', { ...where, userId: '1340000000000000101' });
      expect(llm.calls).toBe(calls);
      expect(JSON.stringify(over.body)).toMatch(
        /extractive summary: this server's daily language-model budget is used up; it resets at 00:00 UTC, in \d+ (h|min)/,
      );
      const note = await discord.waitForRequest(
        (r) => r.interactionId === over.id && r.method === 'POST' && r.path.startsWith('/webhooks/'),
        5_000,
      );
      expect(note.body).toMatchObject({ flags: 64 });
      expect((note.body as Body).content).toMatch(/^This briefing is extractive .*resets at 00:00 UTC/);

      // What is cached costs nothing: the first briefing is still served as the model wrote it.
      const again = await news(discord, 'iraq', { ...where, userId: '1340000000000000102' });
      expect(again.body.embeds?.[0]?.footer?.text).toMatch(/fake-model · cached$/);
      expect(llm.calls).toBe(calls);
      expect(bot.logs().some((l) => l.msg === 'daily LLM budget used up' && l.scope === 'server')).toBe(true);
    },
    60_000,
  );

  it.skipIf(skip)(
    'a member asking too often is told privately when the next /news is ready; others are not held up',
    async () => {
      llm.set({});
      const member = { guildId: BUSY_GUILD, channelId: BUSY_CHANNEL, userId: '1340000000000000200' };
      // Three turns: a new briefing takes one, a cached one a quarter.
      const first = await news(discord, 'london', member);
      expect(first.body.embeds?.[0]?.footer?.text).toMatch(/fake-model$/);
      for (let i = 0; i < 8; i++) {
        const hit = await news(discord, 'london', member);
        expect(hit.body.embeds?.[0]?.footer?.text).toMatch(/cached$/);
      }
      const refused = await news(discord, 'london', member);
      expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(refused.body.data?.content).toMatch(
        /^You have asked for several briefings in a short time\. Your next \/news is ready in \d+ s\.$/,
      );
      const other = await news(discord, 'london', { ...member, userId: '1340000000000000201' });
      expect(other.body.embeds?.[0]?.footer?.text).toMatch(/cached$/);
    },
    60_000,
  );

  it.skipIf(skip || !onRedis)(
    'two processes on one Redis: the cooldown taken in one applies in the other, and so does the spent budget',
    async () => {
      const second = await startBot(llm, { CACHE_URL: redis!.url });
      others.push(second);
      llm.set({});
      const member = { guildId: BUSY_GUILD, channelId: BUSY_CHANNEL, userId: '1340000000000000300' };
      // The member's three turns go in the first process (one new briefing's worth, the rest cache hits)...
      const first = await news(discord, 'iraq', member);
      expect(first.body.embeds?.[0]?.footer?.text).toMatch(/fake-model(?: · cached)?$/);
      for (let i = 0; i < 11; i++) await news(discord, 'iraq', member);
      // ...so the second process refuses them, privately, at once.
      const refused = await news(second.discord, 'iraq', member);
      expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(refused.body.data?.content).toMatch(
        /^You have asked for several briefings in a short time\. Your next \/news is ready in \d+ s\.$/,
      );
      // Another member is served by the second process, from the cache the processes share.
      const other = await news(second.discord, 'iraq', { ...member, userId: '1340000000000000301' });
      expect(other.body.embeds?.[0]?.footer?.text).toMatch(/cached$/);

      // The server whose budget the first process spent is over it in the second too.
      const calls = llm.calls;
      const over = await news(second.discord, 'earthquake', {
        guildId: BUDGET_GUILD,
        channelId: BUDGET_CHANNEL,
        userId: '1340000000000000302',
      });
      expect(llm.calls).toBe(calls);
      expect(JSON.stringify(over.body)).toMatch(
        /extractive summary: this server's daily language-model budget is used up/,
      );
      const note = await second.discord.waitForRequest(
        (r) => r.interactionId === over.id && r.method === 'POST' && r.path.startsWith('/webhooks/'),
        5_000,
      );
      expect(note.body).toMatchObject({ flags: 64 });
    },
    90_000,
  );
});
