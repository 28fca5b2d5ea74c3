import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
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
  nosend: '1330000000000000018',
};
const ALL_BUT_EMBED = ALL_PERMISSIONS & ~Perm.EMBED_LINKS;
const ALL_BUT_SEND = ALL_PERMISSIONS & ~Perm.SEND_MESSAGES;
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
          // The cache says the bot may not post here; Discord's app_permissions (role only) say it may.
          { id: CH.nosend, name: 'nosend', overwrites: [{ id: APP_ID, type: 1, deny: Perm.SEND_MESSAGES }] },
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

/** The final answer to an interaction, as JSON text. */
async function answer(id: string): Promise<string> {
  return JSON.stringify((await discord.waitForRequest(finalReply(id), 15_000)).body);
}

let askers = 0;
/** A member of its own for each /news, so that the /news cooldown never gets in the way (it has its own test). */
const freshAsker = () => `13300000000000001${String((askers += 1)).padStart(2, '0')}`;

/** A /news reply in #buttons: its message id and its components. */
async function newsReply(values: Record<string, string | number | boolean>, userId = freshAsker()) {
  const sent = discord.command('news', values, {
    guildId: GUILD_ID,
    channelId: CH.buttons,
    userId,
    memberPermissions: userId === MOD ? MOD_PERMS : EVERYONE_PERMISSIONS,
  });
  const final = await discord.waitForRequest(finalReply(sent.id), 15_000);
  const body = final.body as { components?: { components: { custom_id: string; label: string }[] }[] };
  return {
    messageId: (final.response as { id?: string } | undefined)?.id ?? '',
    buttons: (body.components ?? []).flatMap((row) => row.components),
    text: JSON.stringify(final.body),
  };
}

describe('the Pin briefing message command', () => {
  async function pinBriefing(
    messageId: string,
    userId: string,
    memberPermissions: bigint,
    appPermissions?: bigint,
  ) {
    const sent = discord.messageCommand('Pin briefing', messageId, {
      guildId: GUILD_ID,
      userId,
      memberPermissions,
      ...(appPermissions === undefined ? {} : { appPermissions }),
    });
    return answer(sent.id);
  }

  it('is deployed as a message command that only members with Pin Messages see by default', async () => {
    const commands = (await import('../../src/interactions/load-commands.js')).loadCommands;
    const json = (await commands()).get('Pin briefing')!.data.toJSON();
    expect(json).toMatchObject({
      type: 3,
      default_member_permissions: String(Perm.PIN_MESSAGES),
      contexts: [0],
    });
  });

  it('public /news replies carry no button', async () => {
    const { buttons } = await newsReply({ topic: 'harbour' });
    expect(buttons).toEqual([]);
  });

  it('pins a public reply for a moderator; a second use and a concurrent one give one pin, with an audit line', async () => {
    const { messageId } = await newsReply({ topic: 'harbour' });
    const started = performance.now();
    const texts = await Promise.all([
      pinBriefing(messageId, MOD, MOD_PERMS),
      pinBriefing(messageId, MOD, MOD_PERMS),
    ]);
    texts.push(await pinBriefing(messageId, MOD, MOD_PERMS));
    expect(channelRequests(started).filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(discord.pinsOf(CH.buttons).map((p) => String(p.message.id))).toContain(messageId);
    expect(texts.filter((t) => t.includes('already pinned'))).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.logs().find((l) => l.audit === 'briefing_pinned' && l.messageId === messageId)).toMatchObject({
      userId: MOD,
      channelId: CH.buttons,
      pinned: true,
    });
  });

  it('rotates the bot’s older briefing pins like /briefing post pin:true (BRIEFING_PINS_KEEP=1)', async () => {
    const first = await newsReply({ topic: 'festival' });
    const second = await newsReply({ topic: 'fishermen' });
    await pinBriefing(first.messageId, MOD, MOD_PERMS);
    expect(await pinBriefing(second.messageId, MOD, MOD_PERMS)).toMatch(
      /Pinned \(unpinned \d+ older briefings?\)\./,
    );
    const pinned = discord.pinsOf(CH.buttons).map((p) => String(p.message.id));
    expect(pinned).toContain(second.messageId);
    expect(pinned).not.toContain(first.messageId);
  });

  it('tells a member without Pin Messages so (an admin may have opened the command), and does nothing else', async () => {
    const { messageId } = await newsReply({ topic: 'council' });
    const started = performance.now();
    const text = await pinBriefing(messageId, MEMBER, EVERYONE_PERMISSIONS);
    expect(text).toMatch(/"flags":64/);
    expect(text).toMatch(/You need the Pin Messages permission to pin briefings/);
    expect(channelRequests(started)).toEqual([]);
  });

  it('refuses, privately and clearly, a message that is not one of the bot’s briefings', async () => {
    const human = discord.seedMessage(CH.buttons, { authorId: MEMBER, content: 'my own news' });
    const note = discord.seedMessage(CH.buttons, { authorId: APP_ID, content: 'welcome, not a briefing' });
    const started = performance.now();
    for (const id of [String(human.id), String(note.id)]) {
      const text = await pinBriefing(id, MOD, MOD_PERMS);
      expect(text).toMatch(/"flags":64/);
      expect(text).toMatch(/That is not one of my briefings/);
    }
    expect(channelRequests(started)).toEqual([]);
  });

  it('reads the bot’s permissions from the interaction (app_permissions), not from the cache', async () => {
    const { messageId } = await newsReply({ topic: 'repairs' });
    const started = performance.now();
    const text = await pinBriefing(messageId, MOD, MOD_PERMS, EVERYONE_PERMISSIONS);
    expect(text).toMatch(/I'm missing Pin Messages in <#1330000000000000016>/);
    expect(channelRequests(started)).toEqual([]);
  });
});

describe('the Post in channel button on private /news replies', () => {
  async function press(
    messageId: string,
    userId: string,
    memberPermissions: bigint,
    appPermissions?: bigint,
  ) {
    const sent = discord.button('news:post', {
      guildId: GUILD_ID,
      channelId: CH.buttons,
      userId,
      memberPermissions,
      messageId,
      ...(appPermissions === undefined ? {} : { appPermissions }),
    });
    return answer(sent.id);
  }

  it('lets any member post their private reply publicly, once however often it is pressed, without a ping', async () => {
    const reply = await newsReply({ topic: 'fishermen', private: true }, MEMBER);
    expect(reply.buttons).toEqual([
      expect.objectContaining({ custom_id: 'news:post', label: 'Post in channel' }),
    ]);
    const before = discord.messagesIn(CH.buttons).length;
    const started = performance.now();
    const texts = await Promise.all([
      press(reply.messageId, MEMBER, EVERYONE_PERMISSIONS),
      press(reply.messageId, MEMBER, EVERYONE_PERMISSIONS),
    ]);
    expect(discord.messagesIn(CH.buttons).length).toBe(before + 1);
    const posted = discord.messagesIn(CH.buttons).at(-1)!;
    expect(posted.content).toBe(`Shared by <@${MEMBER}>`);
    expect(posted.mentions).toEqual([]);
    expect((posted.embeds as unknown[]).length).toBe(1);
    expect(posted.components ?? []).toEqual([]);
    for (const t of texts)
      expect(t).toContain(`https://discord.com/channels/${GUILD_ID}/${CH.buttons}/${String(posted.id)}`);
    const post = channelRequests(started).find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.logs().find((l) => l.audit === 'briefing_shared')).toMatchObject({
      userId: MEMBER,
      channelId: CH.buttons,
      messageId: String(posted.id),
    });
  });

  it('refuses when the interaction’s app_permissions lack Embed Links, though the cached roles allow it', async () => {
    const reply = await newsReply({ topic: 'harbour', private: true }, MEMBER);
    const started = performance.now();
    const text = await press(reply.messageId, MEMBER, EVERYONE_PERMISSIONS, ALL_BUT_EMBED);
    expect(text).toMatch(/"flags":64/);
    expect(text).toMatch(/I'm missing Embed Links in <#1330000000000000016>/);
    expect(channelRequests(started)).toEqual([]);
  });

  it('is subject to the /news cooldown', async () => {
    const asker = '1330000000000000039';
    let last: string | null = null;
    let refused = '';
    for (const [topic, length] of [
      'harbour',
      'festival',
      'fishermen',
      'council',
      'repairs',
      'section',
    ].flatMap((t) => ['short', 'standard', 'detailed'].map((l) => [t, l] as const))) {
      const reply = await newsReply({ topic, length, private: true }, asker);
      if (!reply.buttons.length) {
        refused = reply.text;
        break;
      }
      last = reply.messageId;
    }
    expect(refused).toMatch(/Your next \/news is ready in/);
    const started = performance.now();
    const text = await press(last!, asker, EVERYONE_PERMISSIONS);
    expect(text).toMatch(/Your next \/news is ready in/);
    expect(channelRequests(started)).toEqual([]);
  });

  it('sends only bodies that match Discord’s OpenAPI spec', () => {
    expect(discord.specViolations()).toEqual([]);
  });
});

describe('the bot’s permissions in the interaction’s channel come from app_permissions', () => {
  it('refuses /briefing post here when app_permissions lack Send Messages, though the cached roles allow it', async () => {
    const sent = discord.command(
      'briefing',
      { topic: 'harbour' },
      {
        guildId: GUILD_ID,
        channelId: CH.general,
        userId: MOD,
        memberPermissions: MOD_PERMS,
        subcommand: 'post',
        appPermissions: ALL_BUT_SEND,
      },
    );
    const started = performance.now();
    expect(await answer(sent.id)).toMatch(/I'm missing Send Messages in <#1330000000000000010>/);
    expect(channelRequests(started)).toEqual([]);
  });

  it('posts here when app_permissions allow it, though the cached overwrites deny it; another channel still asks the cache', async () => {
    const here = await briefingIn(CH.nosend, {});
    expect(here).toMatch(/Posted in <#1330000000000000018>/);
    const there = await briefingIn(CH.general, { channel: opt.channel(CH.nosend) });
    expect(there).toMatch(/I'm missing Send Messages in <#1330000000000000018>/);
  });

  async function briefingIn(channelId: string, extra: Record<string, ReturnType<typeof opt.channel>>) {
    const sent = discord.command(
      'briefing',
      { topic: 'harbour', ...extra },
      { guildId: GUILD_ID, channelId, userId: MOD, memberPermissions: MOD_PERMS, subcommand: 'post' },
    );
    return answer(sent.id);
  }
});
