import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVERYONE_PERMISSIONS,
  Perm,
  startFakeDiscord,
  type FakeDiscord,
} from '../support/fake-discord/index.js';
import { finalReply } from '../support/final-reply.js';
import { fakeToken, spawnBot, type BotProcess } from '../support/bot-process.js';

const APP_ID = '1340000000000000001';
const GUILD_ID = '1340000000000000002';
const CHANNEL_ID = '1340000000000000003';
const TOKEN = fakeToken(APP_ID);
const ADMIN = EVERYONE_PERMISSIONS | Perm.MANAGE_GUILD | Perm.PIN_MESSAGES;

let discord: FakeDiscord;
let bot: BotProcess;
let site: Server;
let base = '';
const body =
  'The lighthouse on the north pier was restored and relit on Friday evening, the port authority said. '.repeat(
    6,
  );

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Pier News</title>
        <item><title>Lighthouse relit</title><link>${base}/lighthouse</link><guid>l1</guid><pubDate>${new Date().toUTCString()}</pubDate><description>${body}</description></item></channel></rss>`);
    }
    if (req.url === '/deep') {
      // 100,000 nested <div>s around a real story: what used to freeze extraction for minutes.
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(
        `<html><head><title>Breakwater works</title></head><body>${'<div>'.repeat(100_000)}<article><h1>Breakwater works</h1><p>${body.replace(/lighthouse/g, 'breakwater')}</p></article>${'</div>'.repeat(100_000)}</body></html>`,
      );
    }
    if (req.url === '/story') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(
        `<html><head><title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1><p>${body.replace(/lighthouse/g, 'ferry')}</p></article></body></html>`,
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Port', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
  bot = spawnBot(['start'], {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    INGEST_ALLOW_HOSTS: '127.0.0.1',
  });
  await bot.waitForLog('connected to Discord');
}, 60_000);

afterAll(async () => {
  // beforeAll may have failed part way, leaving some of these unassigned.
  await (bot as BotProcess | undefined)?.stop();
  await (discord as FakeDiscord | undefined)?.close();
  await new Promise<void>((r) => site.close(() => r()));
});

async function run(name: string, sub: string, values: Record<string, string>, memberPermissions = ADMIN) {
  const sent = discord.command(name, values, {
    guildId: GUILD_ID,
    channelId: CHANNEL_ID,
    subcommand: sub,
    memberPermissions,
  });
  const final = await discord.waitForRequest(finalReply(sent.id), 15_000);
  return JSON.stringify(final.body);
}

describe('feeds and pages through Discord', () => {
  it('/feeds add reads the feed at once; /news then finds its items', async () => {
    expect(await run('feeds', 'add', { url: `${base}/rss`, topic: 'port' })).toMatch(
      /Added \*\*Pier News\*\*: 1 item read, 1 new article stored/,
    );
    const sent = discord.command(
      'news',
      { topic: 'lighthouse' },
      { guildId: GUILD_ID, channelId: CHANNEL_ID },
    );
    const reply = await discord.waitForRequest(
      (r) => r.interactionId === sent.id && r.method === 'PATCH',
      15_000,
    );
    expect(JSON.stringify(reply.body)).toContain(`${base}/lighthouse`);
  });

  it('/feeds list shows the feed and its health', async () => {
    const text = await run('feeds', 'list', {});
    expect(text).toMatch(/Pier News/);
    expect(text).toMatch(/last read <t:\d+:R>/);
  });

  it('refuses a web page given as a feed, a private address, and a member without Manage Server', async () => {
    expect(await run('feeds', 'add', { url: `${base}/story` })).toMatch(
      /not a feed I can read: That address is a web page/,
    );
    expect(await run('feeds', 'add', { url: 'http://192.168.1.10/rss' })).toMatch(
      /private or local network address/,
    );
    expect(await run('feeds', 'add', { url: `${base}/rss` }, EVERYONE_PERMISSIONS)).toMatch(
      /need the Manage Server permission/,
    );
  });

  it('a page nested 100,000 deep is stored, and a /news sent meanwhile is acknowledged at once', async () => {
    const adding = discord.command(
      'article',
      { url: `${base}/deep` },
      { guildId: GUILD_ID, channelId: CHANNEL_ID, subcommand: 'add', memberPermissions: ADMIN },
    );
    await discord.waitForRequest(
      (r) => r.interactionId === adding.id && r.path.endsWith('/callback'),
      15_000,
    );
    const news = discord.command('news', {}, { guildId: GUILD_ID, channelId: CHANNEL_ID });
    const sentAt = performance.now();
    const ack = await discord.waitForRequest(
      (r) => r.interactionId === news.id && r.path.endsWith('/callback'),
      15_000,
    );
    // Discord allows 3 s; the issue asks for 1 s while a hostile page is being read.
    expect(ack.at - sentAt).toBeLessThan(1_000);
    const stored = await discord.waitForRequest(finalReply(adding.id), 15_000);
    expect(JSON.stringify(stored.body)).toMatch(/Stored: “Breakwater works”/);
  });

  it('/article add stores a page; /feeds remove stops a feed', async () => {
    expect(await run('article', 'add', { url: `${base}/story` })).toMatch(
      /Stored: “Ferry timetable changes”/,
    );
    const list = await run('feeds', 'list', {});
    const id = /`(\d+)` \*\*Pier News/.exec(list)![1]!;
    expect(await run('feeds', 'remove', { feed: id })).toMatch(new RegExp(`Removed feed \`${id}\``));
    expect(await run('feeds', 'list', {})).toMatch(/No feeds on this server yet/);
    expect(discord.specViolations()).toEqual([]);
  });
});
