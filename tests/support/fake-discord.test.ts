import { createInflate } from 'node:zlib';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  Routes,
  SlashCommandBuilder,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_PINS, Perm, SEED_AUTHOR_ID, startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';

const TOKEN = 'test-token';
const GUILD_ID = '1300000000000000001';
const CHANNEL_ID = '1300000000000000002';

let discord: FakeDiscord;
let client: Client;
let handler: ((i: Interaction) => Promise<void>) | null = null;
let handled: Promise<unknown> = Promise.resolve();

/** Runs `fn` for the next interactions; `settled()` resolves with what the last one returned or threw. */
function onInteraction(fn: (i: Interaction) => Promise<void>): void {
  handler = fn;
}

async function settled(): Promise<unknown> {
  return handled.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function channel(): TextChannel {
  return client.channels.cache.get(CHANNEL_ID) as TextChannel;
}

beforeAll(async () => {
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: '1300000000000000099',
    heartbeatIntervalMs: 250,
    validateResponses: true,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Newsroom',
        channels: [{ id: CHANNEL_ID, name: 'briefings' }],
        roles: [{ name: 'Moderators', permissions: Perm.PIN_MESSAGES }],
      },
    ],
  });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
  client.on(Events.InteractionCreate, (i) => {
    if (!handler) return;
    handled = handler(i);
    handled.catch(() => undefined); // inspected through settled()
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(TOKEN);
  await ready;
});

afterEach(() => {
  handler = null;
  discord.clearFailures();
  discord.timing.ackTimeoutMs = 3000;
});

afterAll(async () => {
  // beforeAll may have failed part way, leaving some of these unassigned.
  await (client as Client | undefined)?.destroy();
  await (discord as FakeDiscord | undefined)?.close();
});

describe('fake Discord with the real discord.js client', () => {
  it('logs in over REST + gateway and caches the seeded guild and channel', async () => {
    expect(client.user?.id).toBe(discord.botUserId);
    expect(client.application?.id).toBe(discord.applicationId);
    const guild = client.guilds.cache.get(GUILD_ID);
    expect(guild?.name).toBe('Newsroom');
    expect(guild?.roles.cache.map((r) => r.name)).toEqual(
      expect.arrayContaining(['@everyone', 'Moderators']),
    );
    expect(guild?.members.me?.permissions.has(Perm.PIN_MESSAGES)).toBe(true);
    expect(channel().name).toBe('briefings');
    const first = discord.requests[0];
    expect(first?.path).toBe('/gateway/bot');
    expect(first && discord.botToken(first)).toBe(TOKEN);
    expect(discord.gateway.connections[0]?.query).toEqual({ v: '10', encoding: 'json' });
  });

  it('acknowledges heartbeats', async () => {
    const before = discord.gateway.heartbeats;
    await until(() => discord.gateway.heartbeats > before && client.ws.ping >= 0);
    expect(discord.gateway.heartbeats).toBeGreaterThan(before);
  });

  it('delivers a slash command with typed options; defer then edit is recorded in order and within the spec', async () => {
    const seen: unknown[] = [];
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push(
        i.commandName,
        i.options.getString('topic'),
        i.options.getInteger('hours'),
        i.options.getBoolean('fresh'),
      );
      await i.deferReply();
      await i.editReply({ content: 'Briefing: <@123> @everyone', allowedMentions: { parse: [] } });
    });
    const { id } = discord.command('news', { topic: 'iraq', hours: 48, fresh: true });
    await discord.waitForRequest((r) => r.interactionId === id && r.method === 'PATCH');
    expect(await settled()).toBeUndefined();
    expect(seen).toEqual(['news', 'iraq', 48, true]);
    const [callback, edit, ...rest] = discord.requestsFor(id);
    expect(rest).toEqual([]);
    expect(callback).toMatchObject({ method: 'POST', status: 204, body: { type: 5 } });
    expect(edit).toMatchObject({
      method: 'PATCH',
      path: expect.stringMatching(/\/messages\/@original$/) as unknown,
      status: 200,
      body: { content: 'Briefing: <@123> @everyone', allowed_mentions: { parse: [] } },
    });
    expect(edit && edit.at > (callback?.at ?? Infinity)).toBe(true);
    const original = discord.state.messages.get(discord.interaction(id).originalMessageId ?? '');
    expect(original).toMatchObject({
      content: 'Briefing: <@123> @everyone',
      flags: 0,
      mentions: [],
      mention_everyone: false,
    });
    expect(discord.specViolations()).toEqual([]);
  });

  it('rejects content over 2000 characters with 50035 and records the spec violation', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'x'.repeat(3000) });
    });
    const { id } = discord.command('news');
    const error = await discord.waitForCallback(id).then(settled);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect((error as Error).message).toContain('Must be 2000 or fewer in length');
    const [callback] = discord.requestsFor(id);
    expect(callback?.specErrors).toContain('body/data/content must NOT have more than 2000 characters');
    expect(discord.interaction(id).callbacks).toEqual([]);
  });

  it('answers a second acknowledgement with 40060', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'first', allowedMentions: { parse: [] } });
      await i.client.rest.post(Routes.interactionCallback(i.id, i.token), {
        body: { type: 4, data: { content: 'second' } },
        auth: false,
      });
    });
    const { id } = discord.command('news');
    await discord.waitForRequest((r) => r.interactionId === id && r.status === 400);
    const error = await settled();
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({
      code: 40060,
      status: 400,
      message: 'Interaction has already been acknowledged.',
    });
  });

  it('answers a callback after the ack deadline with 10062 and an early @original edit with 10015', async () => {
    discord.timing.ackTimeoutMs = 50;
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const early = await i.client.rest
        .patch(Routes.webhookMessage(i.applicationId, i.token), {
          body: { content: 'too soon' },
          auth: false,
        })
        .catch((e: unknown) => e);
      expect(early).toMatchObject({ code: 10015, status: 404 });
      await new Promise((resolve) => setTimeout(resolve, 80));
      await i.deferReply();
    });
    const { id } = discord.command('news');
    await discord.waitForCallback(id);
    expect(await settled()).toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
  });

  it('round-trips a button: the update callback edits the message holding the button', async () => {
    onInteraction(async (i) => {
      if (i.isButton()) await i.update({ content: `clicked ${i.customId}`, components: [] });
    });
    const sent = discord.button('pin:42');
    const message = sent.payload.message as { id: string };
    const callback = await discord.waitForCallback(sent.id);
    expect(await settled()).toBeUndefined();
    expect(callback.body).toMatchObject({ type: 7, data: { content: 'clicked pin:42', components: [] } });
    expect(discord.state.messages.get(message.id)).toMatchObject({
      content: 'clicked pin:42',
      components: [],
    });
    expect(callback.specErrors).toEqual([]);
  });

  it('answers with_response=true with the interaction callback resource', async () => {
    let loading: boolean | null | undefined;
    let messageId: string | undefined;
    onInteraction(async (i) => {
      if (i.isButton()) {
        await i.deferUpdate();
        return;
      }
      if (!i.isChatInputCommand()) return;
      const response = await i.deferReply({ withResponse: true });
      loading = response.interaction.responseMessageLoading;
      expect(response.resource).toBeNull();
      messageId = response.interaction.responseMessageId ?? undefined;
    });
    const { id } = discord.command('news');
    const callback = await discord.waitForCallback(id);
    expect(await settled()).toBeUndefined();
    expect(callback).toMatchObject({ status: 200, query: { with_response: 'true' } });
    expect(loading).toBe(true);
    expect(messageId).toBe(discord.interaction(id).originalMessageId);
    const click = discord.button('refresh', { messageId });
    expect((await discord.waitForCallback(click.id)).body).toEqual({ type: 6 });
    expect(discord.interaction(click.id).originalMessageId).toBe(messageId);
  });

  it('round-trips autocomplete: the focused option arrives as text and the choices are stored', async () => {
    let focused: unknown;
    onInteraction(async (i) => {
      if (!i.isAutocomplete()) return;
      focused = i.options.getFocused(true);
      await i.respond([
        { name: 'Iraq', value: 'iraq' },
        { name: 'Iran', value: 'iran' },
      ]);
    });
    const { id } = discord.autocomplete('news', { hours: 24, topic: 'ira' });
    const callback = await discord.waitForCallback(id);
    expect(await settled()).toBeUndefined();
    expect(focused).toMatchObject({ name: 'topic', value: 'ira', focused: true });
    expect(callback.body).toMatchObject({ type: 8 });
    expect(discord.interaction(id).choices).toEqual([
      { name: 'Iraq', value: 'iraq' },
      { name: 'Iran', value: 'iran' },
    ]);
  });

  it('pins through the new routes and refuses the 251st pin with 30003', async () => {
    const mine = await channel().send({ content: 'briefing', allowedMentions: { parse: [] } });
    await channel().messages.pin(mine.id);
    const pins = await channel().messages.fetchPins();
    expect(pins.items.map((p) => p.message.id)).toEqual([mine.id]);
    await channel().messages.unpin(mine.id);
    discord.seedPins(CHANNEL_ID, MAX_PINS);
    expect(discord.pinsOf(CHANNEL_ID)[0]?.message).toMatchObject({ author: { id: SEED_AUTHOR_ID } });
    const error = await channel()
      .messages.pin(mine.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 30003 });
    expect(discord.pinsOf(CHANNEL_ID)).toHaveLength(MAX_PINS);
  });

  it("enforces Discord's embed limits with the real 50035 error tree", async () => {
    const tooBig = channel().send({
      embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2500) }],
    });
    await expect(tooBig).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } },
    });
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const tooMany = channel().send({ embeds: [{ title: 't'.repeat(257), fields }] });
    await expect(tooMany).rejects.toMatchObject({
      code: 50035,
      rawError: {
        errors: {
          embeds: {
            0: {
              title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] },
              fields: { _errors: [{ message: 'Must be 25 or fewer in length.' }] },
            },
          },
        },
      },
    });
    const longId = { type: 1, components: [{ type: 2, style: 1, label: 'Pin', custom_id: 'p'.repeat(101) }] };
    await expect(channel().send({ content: 'x', components: [longId] })).rejects.toMatchObject({
      code: 50035,
    });
    await expect(channel().send({ content: '' })).rejects.toMatchObject({ code: 50006 });
  });

  it('parses multipart uploads: payload_json becomes the body and files are listed', async () => {
    const sent = await channel().send({
      content: 'with a file',
      allowedMentions: { parse: [] },
      files: [{ attachment: Buffer.from('hello'), name: 'brief.txt' }],
    });
    const req = discord.requests.findLast((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req?.body).toMatchObject({ content: 'with a file', allowed_mentions: { parse: [] } });
    expect(req?.files).toEqual([
      { field: 'files[0]', filename: 'brief.txt', contentType: expect.any(String) as unknown, size: 5 },
    ]);
    expect(req?.specErrors).toEqual([]);
    expect(sent.attachments.first()?.name).toBe('brief.txt');
  });

  it('returns the first message again for a repeated enforced nonce', async () => {
    const before = discord.messagesIn(CHANNEL_ID).length;
    const a = await channel().send({ content: 'digest', nonce: 'digest-2026-01-01', enforceNonce: true });
    const b = await channel().send({ content: 'digest', nonce: 'digest-2026-01-01', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(discord.messagesIn(CHANNEL_ID)).toHaveLength(before + 1);
  });

  it('injects failures: missing permissions, unknown channel, and a 429 that discord.js retries', async () => {
    discord.denyPermissions(CHANNEL_ID, Perm.SEND_MESSAGES);
    await expect(channel().send('x')).rejects.toMatchObject({ code: 50013, status: 403 });
    discord.clearFailures();
    discord.setChannelAccess(CHANNEL_ID, 'unknown');
    await expect(channel().send('x')).rejects.toMatchObject({ code: 10003, status: 404 });
    discord.setChannelAccess(CHANNEL_ID, 'no-access');
    await expect(channel().messages.fetch({ limit: 5 })).rejects.toMatchObject({ code: 50001, status: 403 });
    discord.clearFailures();
    discord.failNext('POST /channels/{id}/messages', { status: 500, code: 0, message: 'boom' }, 4);
    await expect(channel().send('x')).rejects.toMatchObject({ status: 500 });
    discord.failNext('POST /channels/{id}/messages', 'missingAccess');
    await expect(channel().send('x')).rejects.toMatchObject({ code: 50001, message: 'Missing Access' });
    const stop = discord.delay('GET /channels/{id}', 120);
    const started = performance.now();
    await client.channels.fetch(CHANNEL_ID, { force: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    stop();
    discord.rateLimitNext('POST /channels/*/messages', { retryAfter: 0.05 });
    const sent = await channel().send({ content: 'after 429', allowedMentions: { parse: [] } });
    const attempts = discord.requests.filter(
      (r) => r.method === 'POST' && r.body && (r.body as { content?: string }).content === 'after 429',
    );
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[0]?.headers).toBeDefined();
    expect(sent.content).toBe('after 429');
  });

  it('records deploys through @discordjs/rest and gives deployed ids to interactions', async () => {
    const rest = new REST({ api: discord.restUrl }).setToken(TOKEN);
    const news = new SlashCommandBuilder()
      .setName('news')
      .setDescription('A briefing')
      .addStringOption((o) => o.setName('topic').setDescription('Topic').setAutocomplete(true))
      .setDefaultMemberPermissions(Perm.SEND_MESSAGES);
    const body = [news.toJSON()];
    const global = (await rest.put(Routes.applicationCommands(discord.applicationId), { body })) as {
      id: string;
    }[];
    const guild = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, GUILD_ID), {
      body,
    })) as { id: string; guild_id: string }[];
    expect(global[0]?.id).toMatch(/^\d+$/);
    expect(guild[0]).toMatchObject({
      name: 'news',
      guild_id: GUILD_ID,
      default_member_permissions: String(Perm.SEND_MESSAGES),
    });
    expect(discord.commands(GUILD_ID).map((c) => c.name)).toEqual(['news']);
    const puts = discord.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));
    expect(puts.map((r) => [r.path, r.specErrors])).toEqual([
      [`/applications/${discord.applicationId}/commands`, []],
      [`/applications/${discord.applicationId}/guilds/${GUILD_ID}/commands`, []],
    ]);
    const bad = rest.put(Routes.applicationCommands(discord.applicationId), {
      body: [{ name: 'News', description: 'x' }],
    });
    await expect(bad).rejects.toMatchObject({ code: 50035 });
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: i.commandId, flags: MessageFlags.Ephemeral });
    });
    const { payload } = discord.command('news');
    expect(payload.data).toMatchObject({ id: guild[0]?.id, guild_id: GUILD_ID });
    await discord.waitForCallback(String(payload.id));
  });

  it('serves the read routes and follow-ups discord.js uses, with spec-shaped bodies', async () => {
    const guild = await client.guilds.fetch({ guild: GUILD_ID, force: true });
    expect(guild.name).toBe('Newsroom');
    const fetched = (await client.channels.fetch(CHANNEL_ID, { force: true })) as TextChannel;
    expect(fetched.name).toBe('briefings');
    const app = await client.application?.fetch();
    expect(app?.id).toBe(discord.applicationId);
    expect(((await client.rest.get(Routes.user())) as { id: string }).id).toBe(discord.botUserId);
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      const first = await i.followUp({
        content: 'replaces the thinking message',
        allowedMentions: { parse: [] },
      });
      const second = await i.followUp({ content: 'a real follow-up', allowedMentions: { parse: [] } });
      expect(first.id).not.toBe(second.id);
      expect((await i.fetchReply()).content).toBe('replaces the thinking message');
      await i.deleteReply(second);
    });
    const { id } = discord.command('news');
    await discord.waitForRequest((r) => r.interactionId === id && r.method === 'DELETE');
    expect(await settled()).toBeUndefined();
    const record = discord.interaction(id);
    expect(discord.state.messages.get(record.originalMessageId ?? '')).toMatchObject({
      content: 'replaces the thinking message',
      flags: MessageFlags.Ephemeral,
    });
    expect(record.followupIds).toHaveLength(1);
    expect(discord.state.messages.has(record.followupIds[0] ?? '')).toBe(false);
    const seeded = discord.seedMessage(CHANNEL_ID, { content: 'by a moderator' });
    expect((await fetched.messages.fetch(String(seeded.id))).content).toBe('by a moderator');
    expect(discord.requestsFor(id).flatMap((r) => r.specErrors)).toEqual([]);
  });

  it('answers unknown routes with 404 and records them', async () => {
    const error = await client.rest.get('/nothing/here').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 0 });
    const last = discord.requests.at(-1);
    expect(last).toMatchObject({ path: '/nothing/here', route: null, status: 404 });
    expect(last?.specErrors[0]).toContain('no operation');
  });

  it('resumes the session after op 7 and keeps delivering interactions', async () => {
    const resumed = new Promise((resolve) => client.once(Events.ShardResume, resolve));
    discord.gateway.requestReconnect();
    await resumed;
    expect(discord.gateway.connections.at(-1)?.path).toBe('/resume');
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'still here', allowedMentions: { parse: [] } });
    });
    const { id } = discord.command('news');
    expect((await discord.waitForCallback(id)).status).toBe(204);
  });

  it('speaks zlib-stream to clients that ask for it', async () => {
    const ws = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    const inflate = createInflate();
    const hello = new Promise<unknown>((resolve) => {
      inflate.on('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString('utf8'))));
    });
    ws.on('message', (data: Buffer) => inflate.write(data));
    expect(await hello).toMatchObject({ op: 10, d: { heartbeat_interval: 250 } });
    ws.terminate();
    inflate.close();
  });

  it("kept every one of the fake's own responses within Discord's spec", () => {
    expect(discord.responseViolations()).toEqual([]);
  });
});

describe('fake Discord login failures', () => {
  it('rejects a wrong token the way Discord does', async () => {
    const other = await startFakeDiscord({ token: 'right' });
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: other.restUrl } });
    await expect(c.login('wrong')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await c.destroy();
    await other.close();
  });
});
