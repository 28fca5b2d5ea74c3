import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { fakeToken, spawnBot, PROJECT_ROOT, type BotProcess } from '../support/bot-process.js';
import { FakeLlm } from '../support/fake-llm.js';
import { finalReply } from '../support/final-reply.js';
import { writeHarbourArticles } from './harbour-articles.js';
import path from 'node:path';

const APP_ID = '1300000000000000001';
const GUILD_ID = '1300000000000000002';
const CHANNEL_ID = '1300000000000000003';
const TOKEN = fakeToken(APP_ID);
const API_KEY = 'sk-e2e-do-not-leak-0123456789';

let discord: FakeDiscord;
let llm: FakeLlm;
let bot: BotProcess;

beforeAll(async () => {
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Newsroom', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_API_KEY: API_KEY,
    OPENAI_MODEL: 'fake-model',
    LLM_TIMEOUT: '5s',
    LLM_MAX_RETRIES: '0',
    // One member asks everything here; the cooldown has its own test (limits-discord).
    NEWS_COOLDOWN: '0',
  };
  const ingest = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], env);
  expect(await ingest.exited).toBe(0);
  const more = spawnBot(['ingest', writeHarbourArticles(ingest.cwd)], env, { cwd: ingest.cwd });
  expect(await more.exited).toBe(0);
  expect(more.stdout()).toMatch(/Added 5/);
  bot = spawnBot(['start'], env, { cwd: ingest.cwd });
  await bot.waitForLog('connected to Discord');
}, 60_000);

afterAll(async () => {
  // beforeAll may have failed part way, leaving some of these unassigned.
  await (bot as BotProcess | undefined)?.stop();
  await (discord as FakeDiscord | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
});

beforeEach(() => llm.set({}));

async function news(values: Record<string, string | number | boolean>) {
  const sent = discord.command('news', values, { guildId: GUILD_ID, channelId: CHANNEL_ID });
  const final = await discord.waitForRequest(finalReply(sent.id), 15_000);
  return { sent, final, all: () => discord.requestsFor(sent.id) };
}

interface Body {
  embeds?: {
    title: string;
    description: string;
    fields: { name: string; value: string }[];
    footer: { text: string };
    url?: string;
    thumbnail?: { url: string };
  }[];
  components?: unknown[];
  content?: string;
  flags?: number;
  allowed_mentions?: { parse: string[] };
}

describe('/news on Discord, end to end', () => {
  it('defers first, then edits in a cited briefing written by the LLM', async () => {
    const before = llm.calls;
    const { sent, final, all } = await news({ topic: 'harbour', hours: 24 });
    const callback = all().find((r) => r.path.endsWith('/callback'))!;
    expect((callback.body as { type: number }).type).toBe(5);
    expect(llm.calls).toBe(before + 1);
    expect(callback.at).toBeLessThan(llm.requests.at(-1)!.at);
    expect(final.method).toBe('PATCH');
    const body = final.body as Body;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = body.embeds![0]!;
    expect(embed.title.length).toBeGreaterThan(0);
    const bullets = embed.description.split('\n').filter((l) => l.startsWith('• '));
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    for (const b of bullets) expect(b).toMatch(/(\[\[\d+\]\]\(https:\/\/news\.example\/[^)]+\))+$/);
    expect(embed.fields[0]!.name).toBe('Sources');
    expect(embed.fields[0]!.value).toMatch(
      /\[Harbour repairs, part \d: council votes\]\(https:\/\/news\.example\/harbour-\d\)/,
    );
    expect(embed.footer.text).toMatch(/\d+ of \d+ articles cited · .*Coast Gazette.* · fake-model$/);
    // Dates as Discord timestamps where Discord renders them (fields), not in the footer.
    for (const line of embed.fields[0]!.value.split('\n')) expect(line).toMatch(/, <t:\d+:d>$/);
    expect(embed.footer.text).not.toMatch(/<t:/);
    // The top story's stored lead image as the thumbnail.
    const first = /^`1` \[[^\]]+\]\((https:\/\/news\.example\/harbour-\d)\)/.exec(embed.fields[0]!.value)![1];
    expect(embed.thumbnail).toEqual({ url: `${first}.jpg` });
    expect(embed.url).toBeUndefined();
    expect(body.components ?? []).toEqual([]);
    expect(final.specErrors).toEqual([]);
    expect(sent.id).toBe(callback.interactionId);
  });

  it('answers a second identical /news from the cache, without an LLM call', async () => {
    await news({ topic: 'Harbour', hours: 24 });
    const calls = llm.calls;
    const { final } = await news({ topic: 'harbour', hours: 24 });
    expect(llm.calls).toBe(calls);
    expect((final.body as Body).embeds![0]!.footer.text).toMatch(/fake-model · cached$/);
  });

  it('makes the reply ephemeral with private:true, with a Post in channel button', async () => {
    const { all, final } = await news({ topic: 'harbour', length: 'short', private: true });
    const callback = all().find((r) => r.path.endsWith('/callback'))!;
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect((final.body as Body).components).toEqual([
      {
        type: 1,
        components: [expect.objectContaining({ custom_id: 'news:post', label: 'Post in channel' })],
      },
    ]);
  });

  it('links the title of a briefing citing one article, and shows no http image', async () => {
    const { final } = await news({ topic: 'festival', hours: 24 });
    const embed = (final.body as Body).embeds![0]!;
    expect(embed.fields[0]!.value.split('\n')).toHaveLength(1);
    expect(embed.url).toBe('https://news.example/harbour-festival');
    expect(embed.thumbnail).toBeUndefined();
  });

  it('says so privately, without an LLM call, when nothing matches', async () => {
    const calls = llm.calls;
    const { final, all } = await news({ topic: 'volcano eruption' });
    expect(llm.calls).toBe(calls);
    expect(final.method).toBe('POST');
    expect(final.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect((final.body as Body).content).toMatch(/No stored articles match “volcano eruption”/);
    expect(all().some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('leaves no mention and no foreign link in any REST body when the LLM echoes an injection', async () => {
    llm.set({ inject: true });
    const { all } = await news({ topic: 'festival', length: 'detailed' });
    const bodies = JSON.stringify(all().map((r) => r.body));
    expect(bodies).not.toMatch(/@everyone|@here|<@&?\d+>|evil\.example|discord\.gg/);
    expect(bodies).toContain('news.example/harbour-festival');
  });

  it('still answers with a labelled extractive briefing when the LLM is down', async () => {
    llm.set({ failStatus: 500 });
    const { final } = await news({ topic: 'fishermen', length: 'detailed' });
    const embed = (final.body as Body).embeds![0]!;
    expect(embed.footer.text).toMatch(/extractive summary: the language model had an internal error$/);
    expect(embed.description).toMatch(/no AI summary/);
    expect(embed.description).toMatch(/\[\[1\]\]\(https:\/\/news\.example\//);
    const text = JSON.stringify(final.body);
    expect(text).not.toMatch(/@everyone|evil\.example|<@\d+>/);
  });

  it('posts no bullet whose number, name, date or quote its source lacks; faithful bullets are posted', async () => {
    llm.set({ perturb: ['number', 'quote'] });
    const { final } = await news({ topic: 'council', hours: 24 }); // not asked before: no cache hit
    const answer = JSON.parse(llm.answers.at(-1)!) as { bullets: { text: string }[] };
    const embed = (final.body as Body).embeds![0]!;
    expect(embed.footer.text).toMatch(/fake-model$/);
    const shown = embed.description
      .split('\n')
      .filter((l) => l.startsWith('• '))
      .map((l) => l.replace(/^• /, '').replace(/(?:\s*\[\[\d+\]\]\([^)]*\))+$/, ''));
    expect(shown).toEqual(answer.bullets.slice(2).map((b) => b.text));

    llm.set({ perturb: ['number', 'name', 'date', 'quote'] });
    const worse = await news({ topic: 'repairs', hours: 48, length: 'short' });
    const texts = (JSON.parse(llm.answers.at(-1)!) as { bullets: { text: string }[] }).bullets.map(
      (b) => b.text,
    );
    const body = JSON.stringify(worse.final.body);
    for (const text of texts) expect(body).not.toContain(JSON.stringify(text).slice(1, -1));
    expect((worse.final.body as Body).embeds![0]!.footer.text).toMatch(
      /extractive summary: the language model's answer did not match its sources$/,
    );
  });

  it('refuses a bad option value privately and at once', async () => {
    const { final } = await news({ hours: 0 });
    expect(final.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(final.body)).toMatch(/hours.*between 1 and 720/);
  });

  it('suggests topics from recent headlines', async () => {
    const sent = discord.autocomplete(
      'news',
      { topic: 'har' },
      { guildId: GUILD_ID, channelId: CHANNEL_ID, focused: 'topic' },
    );
    const cb = await discord.waitForCallback(sent.id, 3_000);
    const body = cb.body as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    expect(body.data.choices.map((c) => c.value.toLowerCase()).join(' ')).toContain('harbour');
  });

  it('sends only bodies that match Discord’s OpenAPI spec, and never logs a secret', () => {
    expect(discord.specViolations()).toEqual([]);
    expect(bot.stderr()).not.toContain(TOKEN);
    expect(bot.stderr()).not.toContain(API_KEY);
    expect(bot.stderr()).not.toContain(TOKEN.split('.')[2]);
  });
});
