import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import {
  fakeToken,
  folderWithArticles,
  freePort,
  spawnBot,
  type BotProcess,
} from '../support/bot-process.js';
import { finalReply } from '../support/final-reply.js';

const APP_ID = '1360000000000000001';
const TOKEN = fakeToken(APP_ID);

/** A guild id on shard `shard` of 2: `(id >> 22) % 2`. */
function guildOn(shard: number, from: bigint): string {
  let id = from;
  while ((id >> 22n) % 2n !== BigInt(shard)) id += 1n << 22n;
  return String(id);
}
const GUILDS = [guildOn(0, 1360000000000000002n), guildOn(1, 1360000000000000002n)];
const CHANNELS = ['1360000000000000010', '1360000000000000011'];

let discord: FakeDiscord;
let bot: BotProcess;
let healthPort: number;

beforeAll(async () => {
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    recommendedShards: 2,
    guilds: GUILDS.map((id, i) => ({
      id,
      name: `Server ${i}`,
      channels: [{ id: CHANNELS[i]!, name: 'general' }],
    })),
  });
  healthPort = await freePort();
  bot = spawnBot(
    ['start'],
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.restUrl,
      SHARDS: 'auto',
      SHARD_SPAWN_DELAY: '0',
      HEALTH_PORT: String(healthPort),
      NEWS_COOLDOWN: '0',
    },
    { cwd: await folderWithArticles() },
  );
  await bot.waitForLog('sharding: 2 shards running', 90_000);
}, 120_000);

afterAll(async () => {
  await (bot as BotProcess | undefined)?.stop();
  await (discord as FakeDiscord | undefined)?.close();
});

async function metrics(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

const newsAnswered = (text: string) =>
  Number(/newsdesk_interactions_total\{[^}]*command="news"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);

describe('SHARDS=auto: discord.js ShardingManager over the bot (fake Discord recommends 2)', () => {
  it('both shards come up, each with its own servers and health port', async () => {
    const connected = bot.logs().filter((l) => String(l.msg).startsWith('connected to Discord'));
    expect(connected.map((l) => l.shard).sort()).toEqual([0, 1]);
    const identifies = discord.gateway.sessions;
    expect([...identifies.values()].map((s) => s.shard?.join('/')).sort()).toEqual(['0/2', '1/2']);
    // They share the database folder: one of them polls the feeds.
    expect(bot.logs().filter((l) => String(l.msg).startsWith('feed lease taken'))).toHaveLength(1);
    for (const shard of [0, 1]) {
      const ready = await fetch(`http://127.0.0.1:${healthPort + shard}/readyz`);
      expect(ready.status).toBe(200);
    }
  });

  it('a /news in each server is answered by the shard that holds it', async () => {
    for (const i of [0, 1]) {
      const sent = discord.command('news', {}, { guildId: GUILDS[i]!, channelId: CHANNELS[i]! });
      const final = await discord.waitForRequest(finalReply(sent.id), 20_000);
      expect(final.status).toBeLessThan(300);
    }
    expect(newsAnswered(await metrics(healthPort))).toBeGreaterThanOrEqual(1);
    expect(newsAnswered(await metrics(healthPort + 1))).toBeGreaterThanOrEqual(1);
  });

  it('stops every shard on SIGTERM', async () => {
    expect(await bot.stop()).toBe(0);
    expect(bot.logs().some((l) => l.msg === 'sharding: all shards stopped')).toBe(true);
  });
});
