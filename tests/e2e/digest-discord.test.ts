import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDiscordConnection, type DiscordConnection } from '../../src/discord/connect.js';
import { FakeClock } from '../digest/support.js';
import {
  EVERYONE_PERMISSIONS,
  Perm,
  opt,
  startFakeDiscord,
  type FakeDiscord,
} from '../support/fake-discord/index.js';
import { finalReply } from '../support/final-reply.js';
import { fakeToken } from '../support/bot-process.js';
import { recordingLogger } from '../support/app-fixtures.js';

const APP_ID = '1350000000000000001';
const GUILD_ID = '1350000000000000002';
const GENERAL = '1350000000000000003';
const DIGESTS = '1350000000000000004';
const TOKEN = fakeToken(APP_ID);
const ADMIN = EVERYONE_PERMISSIONS | Perm.MANAGE_GUILD;

let discord: FakeDiscord;
let app: App;
let connection: DiscordConnection | undefined;
const clock = new FakeClock('2026-03-27T06:30:00Z');
const log = recordingLogger('info');

beforeAll(async () => {
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Newsroom',
        channels: [
          { id: GENERAL, name: 'general' },
          { id: DIGESTS, name: 'digests' },
        ],
      },
    ],
  });
  const config = loadConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'newsdesk-digest-')),
    CACHE_URL: 'memory://',
  });
  connection = createDiscordConnection({
    token: TOKEN,
    apiUrl: discord.restUrl,
    logger: log.logger,
    pinsKeep: config.pinsKeep,
  });
  app = await createApp(config, log.logger, { now: clock.now, digestTimers: clock, transport: connection });
  app.store.upsert({
    url: 'https://news.example/quay',
    source: 'Coast Gazette',
    title: 'New quay opens at the harbour',
    byline: null,
    publishedAt: Date.parse('2026-03-27T05:00:00Z'),
    imageUrl: null,
    body: 'The new quay at the harbour opened on Friday morning, the port authority said. Ferries will use it from April.\n\nFishermen welcomed the opening @everyone.',
  });
  await connection.connect(app);
}, 30_000);

afterAll(async () => {
  // beforeAll may have failed part way, leaving some of these unassigned.
  await connection?.stop();
  await (app as App | undefined)?.close();
  await (discord as FakeDiscord | undefined)?.close();
});

async function digest(sub: string, values: Record<string, unknown>) {
  const sent = discord.command('digest', values as never, {
    guildId: GUILD_ID,
    channelId: GENERAL,
    subcommand: sub,
    memberPermissions: ADMIN,
  });
  const final = await discord.waitForRequest(finalReply(sent.id), 10_000);
  return JSON.stringify(final.body);
}

describe('/digest end to end (in-process bot, controllable clock)', () => {
  it('set -> the job fires at the local time -> exactly one channel message, with a nonce and no mentions', async () => {
    const reply = await digest('set', {
      channel: opt.channel(DIGESTS),
      time: '08:00',
      timezone: 'Europe/Berlin',
      name: 'Morning',
    });
    expect(reply).toMatch(/Morning/);
    expect(reply).toMatch(/<t:\d+:[fFR]>/);
    // The preview shows the digest as it will be posted: name, schedule, channel, new since when.
    const preview = JSON.parse(await digest('preview', { name: 'Morning' })) as {
      flags?: number;
      embeds: { author: { name: string }; description: string }[];
    };
    const heading = preview.embeds[0]!;
    expect(heading.author.name).toBe('🗞️ Morning · every day at 08:00 (Europe/Berlin)');
    expect(heading.description.split('\n')[0]).toMatch(
      /^\*\*New since <t:\d+:R>\*\* in <#1350000000000000004>$/,
    );
    await clock.advanceTo('2026-03-27T06:59:00Z');
    await app.digests.scheduler()!.idle();
    expect(discord.requests.filter((r) => r.path === `/channels/${DIGESTS}/messages`)).toHaveLength(0);
    await clock.advanceTo('2026-03-27T07:00:30Z'); // 08:00 in Berlin (UTC+1 until the 29th)
    await app.digests.scheduler()!.idle();
    const posts = discord.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${DIGESTS}/messages`,
    );
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as {
      nonce: string;
      enforce_nonce: boolean;
      allowed_mentions: unknown;
      content: string;
      embeds: { description: string; author: { name: string } }[];
    };
    expect(body.content).toMatch(/^🗞️ \*\*Morning\*\* · Friday 27 March$/);
    expect(body.embeds[0]!.author).toEqual(heading.author);
    expect(body.embeds[0]!.description.split('\n')[0]).toBe(heading.description.split('\n')[0]);
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeGreaterThan(0);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body)).not.toMatch(/@everyone/);
    expect(body.embeds[0]!.description).toMatch(/quay/);
    expect(posts[0]!.specErrors).toEqual([]);
    // Later the same day: nothing more is posted.
    await clock.advance(6 * 3_600_000);
    await app.digests.scheduler()!.idle();
    expect(
      discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DIGESTS}/messages`),
    ).toHaveLength(1);
  });

  it('/digest list shows the last run and the next one', async () => {
    const text = await digest('list', {});
    expect(text).toMatch(/<#1350000000000000004>/);
    expect(text).toMatch(/08:00/);
    expect(text).toMatch(/Europe\/Berlin/);
    expect(text).toMatch(/posted/i);
  });

  it('refuses a wrong time or zone with an example of a right one', async () => {
    expect(
      await digest('set', {
        channel: opt.channel(DIGESTS),
        time: '25:99',
        timezone: 'Europe/Berlin',
        name: 'Bad',
      }),
    ).toMatch(/08:00|HH:MM/);
    expect(
      await digest('set', {
        channel: opt.channel(DIGESTS),
        time: '08:00',
        timezone: 'Mars/Olympus',
        name: 'Bad',
      }),
    ).toMatch(/Europe\/Berlin|America\//);
  });

  it('suggests time zones while the other options are still empty', async () => {
    const sent = discord.autocomplete(
      'digest',
      { timezone: 'Berl' },
      { guildId: GUILD_ID, channelId: GENERAL, subcommand: 'set', focused: 'timezone' },
    );
    const cb = await discord.waitForCallback(sent.id, 3_000);
    expect(JSON.stringify(cb.body)).toContain('Europe/Berlin');
    expect(discord.specViolations()).toEqual([]);
  });
});
