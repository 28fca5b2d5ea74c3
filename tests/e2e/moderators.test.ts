import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVERYONE_PERMISSIONS,
  opt,
  Perm,
  startFakeDiscord,
  type FakeDiscord,
} from '../support/fake-discord/index.js';
import type { RecordedRequest } from '../support/fake-discord/types.js';
import { fakeToken, PROJECT_ROOT, spawnBot, type BotProcess } from '../support/bot-process.js';
import { FakeLlm } from '../support/fake-llm.js';
import { finalReply } from '../support/final-reply.js';
import path from 'node:path';
import { writeHarbourArticles } from './harbour-articles.js';

const APP_ID = '1330000000000000001';
const GUILD_ID = '1330000000000000002';
const TOKEN = fakeToken(APP_ID);
const CH = {
  general: '1330000000000000010',
  news: '1330000000000000011',
  rotation: '1330000000000000012',
  full: '1330000000000000013',
  hidden: '1330000000000000014',
  nopin: '1330000000000000015',
  buttons: '1330000000000000016',
  gone: '1330000000000000017',
};
const MOD_ROLE = '1330000000000000020';
const MOD = '1330000000000000030';
const MEMBER = '1330000000000000031';
const MOD_PERMS = EVERYONE_PERMISSIONS | Perm.PIN_MESSAGES;

let discord: FakeDiscord;
let llm: FakeLlm;
let bot: BotProcess;

beforeAll(async () => {
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Newsroom',
        roles: [{ id: MOD_ROLE, name: 'Moderator', permissions: Perm.PIN_MESSAGES }],
        members: [
          { id: MOD, username: 'mod', roles: [MOD_ROLE] },
          { id: MEMBER, username: 'member' },
        ],
        channels: [
          { id: CH.general, name: 'general' },
          { id: CH.news, name: 'news' },
          { id: CH.rotation, name: 'rotation' },
          { id: CH.full, name: 'full' },
          { id: CH.hidden, name: 'hidden', overwrites: [{ id: APP_ID, type: 1, deny: Perm.VIEW_CHANNEL }] },
          { id: CH.nopin, name: 'nopin', overwrites: [{ id: APP_ID, type: 1, deny: Perm.PIN_MESSAGES }] },
          { id: CH.buttons, name: 'buttons' },
          { id: CH.gone, name: 'gone' },
        ],
      },
    ],
  });
  discord.setChannelAccess(CH.hidden, 'no-access');
  discord.denyPermissions(CH.nopin, Perm.PIN_MESSAGES);
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'fake-model',
    BRIEFING_PINS_KEEP: '1',
  };
  const ingest = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], env);
  expect(await ingest.exited).toBe(0);
  const more = spawnBot(['ingest', writeHarbourArticles(ingest.cwd)], env, { cwd: ingest.cwd });
  expect(await more.exited).toBe(0);
  bot = spawnBot(['start'], env, { cwd: ingest.cwd });
  await bot.waitForLog('connected to Discord');
}, 60_000);

afterAll(async () => {
  // beforeAll may have failed part way, leaving some of these unassigned.
  await (bot as BotProcess | undefined)?.stop();
  await (discord as FakeDiscord | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
});

/** REST requests that are not part of answering the interaction itself (channel messages, pins). */
function channelRequests(since: number): RecordedRequest[] {
  return discord.requests.filter((r) => r.at >= since && r.path.startsWith('/channels/'));
}

async function briefing(
  values: Record<string, string | number | boolean>,
  userId = MOD,
  memberPermissions = MOD_PERMS,
) {
  const started = performance.now();
  const { sub, channel, ...rest } = values;
  const sent = discord.command(
    'briefing',
    { ...rest, ...(channel ? { channel: opt.channel(String(channel)) } : {}) },
    { guildId: GUILD_ID, channelId: CH.general, userId, memberPermissions, subcommand: String(sub) },
  );
  const final = await discord.waitForRequest(finalReply(sent.id), 15_000);
  return { sent, final, text: JSON.stringify(final.body), channelCalls: () => channelRequests(started) };
}

const briefingEmbed = {
  title: 'Old briefing',
  description: '• x [1]',
  footer: { text: '3 articles · Example · 1 Jan 2026 · gpt-4o-mini' },
};

describe('moderators post and pin briefings', () => {
  it('posts a public briefing into another channel and pins it, with an audit line and no ping', async () => {
    const { final, text, channelCalls } = await briefing({
      sub: 'post',
      topic: 'harbour',
      channel: CH.news,
      pin: true,
    });
    const post = channelCalls().find(
      (r) => r.method === 'POST' && r.path === `/channels/${CH.news}/messages`,
    )!;
    const body = post.body as {
      content: string;
      allowed_mentions: unknown;
      nonce: string;
      enforce_nonce: boolean;
      embeds: { footer: { text: string } }[];
    };
    expect(body.content).toBe(`Briefing requested by <@${MOD}>`);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(body.embeds[0]!.footer.text).toMatch(/fake-model/);
    const messageId = (post.response as { id: string }).id;
    expect(
      channelCalls().some(
        (r) => r.method === 'PUT' && r.path === `/channels/${CH.news}/messages/pins/${messageId}`,
      ),
    ).toBe(true);
    expect(final.body).toMatchObject({
      content: expect.stringContaining(
        `https://discord.com/channels/${GUILD_ID}/${CH.news}/${messageId}`,
      ) as unknown,
    });
    expect(text).toMatch(/Pinned\./);
    expect(discord.pinsOf(CH.news).map((p) => p.message.id)).toEqual([messageId]);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.logs().find((l) => l.msg === 'briefing posted')).toMatchObject({
      userId: MOD,
      userName: 'mod',
      channelId: CH.news,
      messageId,
      pinned: true,
    });
  });

  it('rotates only its own older briefing pins, leaving a human’s pin and other bot pins alone', async () => {
    const old1 = discord.seedMessage(CH.rotation, {
      authorId: APP_ID,
      embeds: [briefingEmbed],
      pinned: true,
    });
    const old2 = discord.seedMessage(CH.rotation, {
      authorId: APP_ID,
      embeds: [briefingEmbed],
      pinned: true,
    });
    const human = discord.seedMessage(CH.rotation, {
      authorId: MEMBER,
      content: 'house rules',
      pinned: true,
    });
    const botNote = discord.seedMessage(CH.rotation, {
      authorId: APP_ID,
      content: 'welcome, not a briefing',
      pinned: true,
    });
    const { channelCalls } = await briefing({
      sub: 'post',
      topic: 'harbour',
      channel: CH.rotation,
      pin: true,
    });
    const unpinned = channelCalls()
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.path.split('/').at(-1));
    expect(unpinned.sort()).toEqual([String(old1.id), String(old2.id)].sort());
    const left = discord.pinsOf(CH.rotation).map((p) => String(p.message.id));
    expect(left).toContain(String(human.id));
    expect(left).toContain(String(botNote.id));
    expect(left).toHaveLength(3);
  });

  it('/briefing unpin removes only the bot’s briefing pins', async () => {
    const { text, channelCalls } = await briefing({ sub: 'unpin', channel: CH.rotation });
    expect(text).toMatch(/Unpinned 1 briefing in/);
    expect(channelCalls().filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(discord.pinsOf(CH.rotation)).toHaveLength(2);
  });

  it('says the channel is full when it already holds 250 pins, and leaves the post unpinned', async () => {
    discord.seedPins(CH.full, 250, MEMBER);
    const { text, channelCalls } = await briefing({
      sub: 'post',
      topic: 'harbour',
      channel: CH.full,
      pin: true,
    });
    expect(text).toMatch(/Not pinned: <#\d+> already has 250 pins/);
    const put = channelCalls().find((r) => r.method === 'PUT')!;
    expect((put.response as { code: number }).code).toBe(30003);
    expect(channelCalls().filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(
      discord.messagesIn(CH.full).some((m) => String(m.content).startsWith('Briefing requested by')),
    ).toBe(true);
  });

  it.each([
    [
      'the bot lacks Pin Messages',
      { channel: CH.nopin, pin: true },
      /I'm missing Pin Messages in <#1330000000000000015>/,
    ],
    [
      'the bot cannot see the channel',
      { channel: CH.hidden },
      /I'm missing View Channel.* in <#1330000000000000014>/,
    ],
  ])(
    'refuses at once, naming what is missing, when %s, with no REST call that would fail',
    async (_name, values, message) => {
      const { final, text, channelCalls } = await briefing({ sub: 'post', topic: 'harbour', ...values });
      expect(final.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(text).toMatch(message);
      expect(channelCalls()).toEqual([]);
    },
  );

  it('explains a channel deleted since the bot last heard of it, and does not retry', async () => {
    discord.setChannelAccess(CH.gone, 'unknown');
    const { text, channelCalls } = await briefing({
      sub: 'post',
      topic: 'harbour',
      channel: CH.gone,
      pin: true,
    });
    expect(text).toMatch(/<#1330000000000000017> no longer exists/);
    expect(channelCalls().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 404']);
  });

  it('refuses a member without Pin Messages even if an admin opened the command to them', async () => {
    const { text, channelCalls } = await briefing(
      { sub: 'post', topic: 'harbour', channel: CH.news },
      MEMBER,
      EVERYONE_PERMISSIONS,
    );
    expect(text).toMatch(/You need the Pin Messages permission to post briefings/);
    expect(channelCalls()).toEqual([]);
  });
});

describe('the Pin button on /news replies', () => {
  async function newsReply(values: Record<string, string | number | boolean>) {
    const sent = discord.command('news', values, {
      guildId: GUILD_ID,
      channelId: CH.buttons,
      userId: MOD,
      memberPermissions: MOD_PERMS,
    });
    const edit = await discord.waitForRequest(
      (r) => r.interactionId === sent.id && r.method === 'PATCH',
      15_000,
    );
    const body = edit.body as { components: { components: { custom_id: string; label: string }[] }[] };
    expect(body.components[0]!.components[0]).toMatchObject({ custom_id: 'news:pin', label: 'Pin' });
    return (edit.response as { id: string }).id;
  }

  async function press(messageId: string, userId: string, memberPermissions: bigint) {
    const sent = discord.button('news:pin', {
      guildId: GUILD_ID,
      channelId: CH.buttons,
      userId,
      memberPermissions,
      messageId,
    });
    const final = await discord.waitForRequest(finalReply(sent.id), 15_000);
    return JSON.stringify(final.body);
  }

  it('pins a public reply for a moderator; a second press and a concurrent one give one pin', async () => {
    const messageId = await newsReply({ topic: 'harbour' });
    const started = performance.now();
    const texts = await Promise.all([press(messageId, MOD, MOD_PERMS), press(messageId, MOD, MOD_PERMS)]);
    texts.push(await press(messageId, MOD, MOD_PERMS));
    expect(channelRequests(started).filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(discord.pinsOf(CH.buttons).map((p) => String(p.message.id))).toContain(messageId);
    expect(texts.filter((t) => t.includes('already pinned'))).toHaveLength(2);
  });

  it('tells a member without the permission so, and does nothing else', async () => {
    const messageId = await newsReply({ topic: 'festival' });
    const started = performance.now();
    const text = await press(messageId, MEMBER, EVERYONE_PERMISSIONS);
    expect(text).toMatch(/"flags":64/);
    expect(text).toMatch(/You need the Pin Messages permission to pin briefings/);
    expect(channelRequests(started)).toEqual([]);
  });

  it('re-posts a private reply publicly and pins it, once however often it is pressed', async () => {
    const messageId = await newsReply({ topic: 'fishermen', private: true });
    const before = discord.messagesIn(CH.buttons).length;
    const started = performance.now();
    await Promise.all([press(messageId, MOD, MOD_PERMS), press(messageId, MOD, MOD_PERMS)]);
    const posts = channelRequests(started).filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(discord.messagesIn(CH.buttons).length).toBe(before + 1);
    const reposted = discord.messagesIn(CH.buttons).at(-1)!;
    expect(reposted.content).toBe(`📌 Pinned by <@${MOD}>`);
    expect(channelRequests(started).filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(discord.pinsOf(CH.buttons).map((p) => String(p.message.id))).toContain(String(reposted.id));
  });

  it('sends only bodies that match Discord’s OpenAPI spec', () => {
    expect(discord.specViolations()).toEqual([]);
  });
});
