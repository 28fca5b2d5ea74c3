import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { fakeToken, folderWithArticles, spawnBot } from '../support/bot-process.js';
import { FakeLlm } from '../support/fake-llm.js';

const APP_ID = '1310000000000000001';
const GUILD_ID = '1310000000000000002';
const CHANNEL_ID = '1310000000000000003';
const TOKEN = fakeToken(APP_ID);

let discord: FakeDiscord;
let llm: FakeLlm;

beforeAll(async () => {
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Ops', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
});
afterAll(async () => {
  await discord.close();
  await llm.close();
});

/** A port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('npm run deploy', () => {
  it('registers the commands in the development server when DISCORD_GUILD_ID is set', async () => {
    const deploy = spawnBot(['deploy'], {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.restUrl,
      DISCORD_GUILD_ID: GUILD_ID,
    });
    expect(await deploy.exited).toBe(0);
    expect(deploy.stdout()).toMatch(
      /^Registered (\/[a-z]+, )*\/news(, \/[a-z]+)* and “Pin briefing” \(server 1310000000000000002\)\.$/m,
    );
    expect(deploy.stderr()).not.toMatch(/WARNING/);
    const put = discord.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const news = (
      put.body as { name: string; options: { name: string; autocomplete?: boolean }[]; contexts: number[] }[]
    ).find((c) => c.name === 'news')!;
    expect(news.name).toBe('news');
    expect(news.options.map((o) => o.name)).toEqual(['topic', 'hours', 'length', 'private']);
    expect(news.contexts).toEqual([0]);
    const pin = (put.body as { name: string; type?: number; default_member_permissions?: string }[]).find(
      (c) => c.name === 'Pin briefing',
    );
    expect(pin).toMatchObject({ type: 3, default_member_permissions: String(1n << 51n) });
    expect(put.specErrors).toEqual([]);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const deploy = spawnBot(['deploy'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.restUrl });
    expect(await deploy.exited).toBe(0);
    expect(
      discord.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/commands`),
    ).toBe(true);
  });
});

describe('npm run deploy with commands registered both globally and in the server', () => {
  const env = { DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: GUILD_ID };

  it('warns that members see each command twice, and offers --clear-global / --clear-guild', async () => {
    const globally = spawnBot(['deploy'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.restUrl });
    expect(await globally.exited).toBe(0);
    const deploy = spawnBot(['deploy'], { ...env, DISCORD_API_URL: discord.restUrl });
    expect(await deploy.exited).toBe(0);
    expect(deploy.stderr()).toMatch(
      /WARNING: \/article, .*\/news.* and “Pin briefing” are registered both globally and in server 1310000000000000002, so members there see each twice/,
    );
    expect(deploy.stderr()).toMatch(/npm run deploy -- --clear-global/);
    expect(deploy.stderr()).toMatch(/npm run deploy -- --clear-guild/);
  });

  it('--clear-global removes the global set and registers nothing; the next deploy no longer warns', async () => {
    const puts = discord.requests.filter((r) => r.method === 'PUT').length;
    const clear = spawnBot(['deploy', '--clear-global'], { ...env, DISCORD_API_URL: discord.restUrl });
    expect(await clear.exited).toBe(0);
    expect(clear.stdout()).toMatch(/^Removed \/article, .*“Pin briefing” \(global\)\.$/m);
    expect(discord.commands()).toEqual([]);
    expect(discord.commands(GUILD_ID).length).toBeGreaterThan(0);
    expect(
      discord.requests
        .filter((r) => r.method === 'PUT')
        .slice(puts)
        .map((r) => r.path),
    ).toEqual([`/applications/${APP_ID}/commands`]);
    const again = spawnBot(['deploy'], { ...env, DISCORD_API_URL: discord.restUrl });
    expect(await again.exited).toBe(0);
    expect(again.stderr()).not.toMatch(/WARNING/);
  });

  it('--clear-guild removes the server’s set (and needs DISCORD_GUILD_ID)', async () => {
    const clear = spawnBot(['deploy', '--clear-guild'], { ...env, DISCORD_API_URL: discord.restUrl });
    expect(await clear.exited).toBe(0);
    expect(clear.stdout()).toMatch(/^Removed .*\(server 1310000000000000002\)\.$/m);
    expect(discord.commands(GUILD_ID)).toEqual([]);
    const withoutGuild = spawnBot(['deploy', '--clear-guild'], {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.restUrl,
    });
    expect(await withoutGuild.exited).toBe(2);
    expect(withoutGuild.stderr()).toMatch(
      /--clear-guild removes the commands of the server in DISCORD_GUILD_ID/,
    );
  });
});

describe('outages', () => {
  it('a dead cache store still yields a reply, and the outage is logged once', async () => {
    const port = await deadPort();
    const bot = spawnBot(
      ['start'],
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: discord.restUrl,
        OPENAI_BASE_URL: llm.baseURL,
        CACHE_URL: `redis://:hunter2secret@127.0.0.1:${port}`,
        CACHE_TIMEOUT: '200ms',
      },
      { cwd: await folderWithArticles() },
    );
    try {
      await bot.waitForLog('connected to Discord');
      for (const topic of ['iraq', 'tsunami', 'iraq']) {
        const sent = discord.command('news', { topic }, { guildId: GUILD_ID, channelId: CHANNEL_ID });
        const reply = await discord.waitForRequest(
          (r) => r.interactionId === sent.id && r.method === 'PATCH',
          10_000,
        );
        expect((reply.body as { embeds: { footer: { text: string } }[] }).embeds[0]!.footer.text).toMatch(
          /gpt-4o-mini$/,
        );
      }
      expect(
        bot.logs().filter((l) => l.msg === 'cache unavailable; answering without it until it recovers'),
      ).toHaveLength(1);
      expect(bot.stderr()).not.toContain('hunter2secret');
    } finally {
      await bot.stop();
    }
  });

  it('an unreachable LLM still yields a labelled extractive briefing', async () => {
    const port = await deadPort();
    const bot = spawnBot(
      ['start'],
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: discord.restUrl,
        OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
        LLM_MAX_RETRIES: '0',
      },
      { cwd: await folderWithArticles() },
    );
    try {
      await bot.waitForLog('connected to Discord');
      const sent = discord.command('news', { topic: 'iraq' }, { guildId: GUILD_ID, channelId: CHANNEL_ID });
      const reply = await discord.waitForRequest(
        (r) => r.interactionId === sent.id && r.method === 'PATCH',
        10_000,
      );
      expect(JSON.stringify(reply.body)).toMatch(
        /extractive summary: the language model could not be reached/,
      );
      expect(discord.specViolations()).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
