import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot } from '../support/bot-process.js';

let site: Server;
let base = '';
const STORY = [
  'The harbour ferry will run two more crossings a day from Monday, the port authority said on Tuesday.',
  'Morning boats now leave every twenty minutes between six and nine, and the last evening crossing moves to eleven.',
  'Commuters had asked for the change since the bridge closed for repairs in the spring, a spokesperson said.',
  'Fares stay the same, and season tickets bought before the change remain valid until they expire.',
];
const body =
  'The ferry timetable changes on Monday, the port authority said, with two more crossings a day. '.repeat(6);

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Pier News</title>
        <item><title>Lighthouse relit</title><link>${base}/lighthouse</link><guid>l1</guid><pubDate>${new Date().toUTCString()}</pubDate><description>${body.replace(/ferry timetable changes/g, 'lighthouse was relit')}</description></item></channel></rss>`);
    }
    if (req.url === '/story') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const published = new Date(Date.now() - 3_600_000).toISOString();
      return void res.end(
        `<html><head><title>Ferry timetable changes</title><meta property="article:published_time" content="${published}"></head><body><article><h1>Ferry timetable changes</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => site.close(() => r())));

/** What a terminal shows must never be Discord's raw markup. */
const RAW_MARKUP = /\*\*|<t:|<#|<@|`/;

describe('the console as an admin’s pretend server, piped into npm start', () => {
  it('adds an article and a feed, sets, previews and runs a digest, posts a briefing: each printed as Discord would show it', async () => {
    const lines = [
      `/article add url:${base}/story`,
      `/feeds add url:${base}/rss topic:port`,
      '/feeds list',
      '/digest set channel:#news time:08:00 timezone:Berlin',
      '/digest preview',
      '/digest run daily',
      '/digest run daily',
      '/briefing post channel:#news topic:ferry pin:true',
      '/digest list',
    ];
    const bot = spawnBot(['start'], { INGEST_ALLOW_HOSTS: '127.0.0.1' }, { stdin: `${lines.join('\n')}\n` });
    expect(await bot.exited).toBe(0);
    const out = bot.stdout();
    expect(out).not.toMatch(RAW_MARKUP);
    expect(out).not.toMatch(/\u001b\[/); // piped: no ANSI styles
    // /article add
    expect(out).toMatch(
      /^Stored: “Ferry timetable changes” \(article \d+\)\. It can now appear in \/news\./m,
    );
    // /feeds add and /feeds list, plurals right
    expect(out).toMatch(
      /^Added Pier News: 1 item read, 1 new article stored\. It is read every \d+ minutes\./m,
    );
    expect(out).toMatch(
      new RegExp(
        `^\\d+ Pier News ${base}/rss · port\\n  ✅ last read \\d+ seconds? ago · 1 article · next in \\d+ minutes`,
        'm',
      ),
    );
    // /digest set: the zone understood and confirmed; the next run as a local date
    expect(out).toMatch(
      /^Created digest daily \(daily\): all news in #news every day at 08:00 \(Europe\/Berlin\), standard\. Next: .+ \(in \d+ (hours?|minutes?)\)\.\nTime zone: Berlin → Europe\/Berlin\./m,
    );
    // /digest preview: the briefing, privately
    const preview = out.slice(out.indexOf('Time zone: Berlin'));
    expect(preview).toMatch(/\nSources\n\[1\] .*(Ferry timetable changes|Lighthouse relit)/);
    expect(preview).toMatch(/\(private: only you would see this in Discord\)/);
    // /digest run: posted in #news with its header, then the confirmation; a second run finds nothing new
    expect(out).toMatch(/── newsdesk posted in #news ──\n🗞️ daily · \w+day \d{1,2} \w+\n.+\n=+\n/);
    expect(out).toMatch(
      /^Ran digest daily now \(the run of \d{4}-\d\d-\d\d\): posted in #news, 2 articles\./m,
    );
    expect(out).toMatch(
      /^Ran digest daily now \(the run of \d{4}-\d\d-\d\d\): nothing new since the last digest, so nothing was posted/m,
    );
    // /briefing post: the post in #news, the pin, the confirmation
    expect(out).toMatch(/── newsdesk posted in #news ──\nBriefing requested by @console\n.*Ferry/);
    expect(out).toMatch(/^📌 pinned in #news$/m);
    expect(out).toMatch(/^Posted in #news: \S+ — Pinned\.$/m);
    // /digest list: the last run posted
    expect(out).toMatch(/^Last: \d{4}-\d\d-\d\d: nothing new$/m);
  }, 60_000);

  it('refuses an unknown channel and an ambiguous zone, listing the choices', async () => {
    const bot = spawnBot(
      ['console'],
      {},
      {
        stdin:
          '/digest set channel:#random time:08:00 timezone:UTC\n/digest set channel:#news time:08:00 timezone:CST\n/digest run\n',
      },
    );
    expect(await bot.exited).toBe(0);
    const out = bot.stdout();
    expect(out).toMatch(
      /! There is no channel “#random” here: the console’s server has #general and #news\./,
    );
    expect(out).toMatch(
      /! “CST” could mean America\/Chicago, Asia\/Shanghai or America\/Havana\. Pick one, e\.g\. timezone:America\/Chicago\./,
    );
    expect(out).toMatch(/! This server has no digests yet\. Create one with \/digest set\./);
    expect(out).not.toMatch(RAW_MARKUP);
  }, 60_000);
});
