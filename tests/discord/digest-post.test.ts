import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Briefings } from '../../src/briefing/briefings.js';
import { BriefingPins } from '../../src/interactions/briefing-pins.js';
import { DiscordChannelOps } from '../../src/discord/discord-channel-ops.js';
import { digestNonce } from '../../src/digest/run-ledger.js';
import { discordDigestPoster, pinAfterPost } from '../../src/discord/digest-poster.js';

import { recordingLogger } from '../support/app-fixtures.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import {
  botProcess,
  FakeChannel,
  FakeClock,
  newArticle,
  saveDigest,
  tempDatabase,
} from '../digest/support.js';

const TOKEN = 'test-token';
const GUILD = '1300000000000000001';
const CHANNEL = '1300000000000000002';
let discord: FakeDiscord;
let client: Client;

beforeAll(async () => {
  discord = await startFakeDiscord({
    token: TOKEN,
    guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'news' }] }],
  });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(TOKEN);
  await ready;
});

afterAll(async () => {
  await client.destroy();
  await discord.close();
});

describe('a digest through the real discord.js client and the fake Discord', () => {
  it('posts once with a nonce, enforce_nonce and no mentions, pins it, and a 403 the next day disables it', async () => {
    const file = tempDatabase();
    try {
      const clock = new FakeClock('2026-03-27T06:50:00Z');
      const log = recordingLogger();
      const ops = new DiscordChannelOps(client);
      const db = file.open();
      // The real engine (no LLM configured: the labelled extractive briefing).
      let briefings: Briefings | null = null;
      const bot = botProcess(db, clock, new FakeChannel(clock.now), {
        post: discordDigestPoster(ops, {
          guildAvailable: (id) => client.guilds.cache.get(id)?.available ?? false,
        }),
        afterPost: pinAfterPost(new BriefingPins(ops, { keep: 1, logger: log.logger })),
        write: (articles, options) => briefings!.forArticles(articles, options),
      });
      briefings = new Briefings({
        articles: bot.articles,
        cache: { get: async () => undefined, set: async () => {} },
        llm: null,
        logger: log.logger,
        maxArticles: 12,
        now: clock.now,
      });
      const { scheduler } = bot;
      saveDigest(bot.digests, {
        guildId: GUILD,
        channelId: CHANNEL,
        name: 'Morning @everyone',
        pin: true,
        scheduleFrom: clock.now(),
      });
      bot.articles.upsert(
        newArticle(clock.now(), 'Harbour', {
          title: 'Harbour repairs approved by the council <@123456789012345678>',
        }),
      );
      scheduler.start();
      await clock.advanceTo('2026-03-27T07:00:00Z');
      await scheduler.idle();

      const posts = discord.requests.filter(
        (r) => r.method === 'POST' && r.route === '/channels/{channel_id}/messages',
      );
      expect(posts).toHaveLength(1);
      const body = posts[0]!.body as Record<string, unknown>;
      expect(body).toMatchObject({
        nonce: digestNonce({ guildId: GUILD, digestId: 'morning', localDate: '2026-03-27' }),
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
      });
      expect(JSON.stringify(body)).not.toMatch(/@everyone|<@123456789012345678>/);
      expect(discord.specViolations()).toEqual([]);
      expect(discord.pinsOf(CHANNEL)).toHaveLength(1);
      const run = bot.ledger.get({ guildId: GUILD, digestId: 'morning', localDate: '2026-03-27' })!;
      expect(run).toMatchObject({ status: 'posted', reason: null });
      expect(discord.messagesIn(CHANNEL).map((m) => m.id)).toEqual([run.messageId]);

      // Re-sending the same run (what a takeover after a crash does) returns the first message.
      const again = await discordDigestPoster(ops)(
        bot.digests.get(GUILD, 'morning')!,
        { kind: 'quiet', since: 0 },
        { nonce: run.nonce, late: false, localDate: run.localDate, scheduledAt: run.scheduledAt },
      );
      expect(again.messageId).toBe(run.messageId);
      expect(discord.messagesIn(CHANNEL)).toHaveLength(1);

      discord.setChannelAccess(CHANNEL, 'no-access');
      bot.articles.upsert(newArticle(clock.now(), 'Election'));
      await clock.advanceTo('2026-03-28T07:00:00Z');
      await scheduler.idle();
      await clock.advanceTo('2026-03-28T09:30:00Z');
      await scheduler.idle();
      expect(bot.digests.get(GUILD, 'morning')!.paused).toMatchObject({ reason: 'missing_access' });
      const refused = discord.requests.filter(
        (r) => r.method === 'POST' && r.route === '/channels/{channel_id}/messages' && r.status === 403,
      );
      expect(refused).toHaveLength(1); // never retried
    } finally {
      file.cleanup();
    }
  });
});
