import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken, spawnBot, PROJECT_ROOT, type BotProcess } from '../support/bot-process.js';
import {
  EVERYONE_PERMISSIONS,
  Perm,
  startFakeDiscord,
  type FakeDiscord,
} from '../support/fake-discord/index.js';
import { FakeLlm } from '../support/fake-llm.js';
import { finalReply } from '../support/final-reply.js';
import { build, copyCheckout } from '../support/package-copy.js';

// The compiled bot, as `npm ci && npm start` leaves it: a clean copy of the checkout built with
// `npm run build`, without tsx in its node_modules, run by bin/newsdesk.js. The rest of the suite runs the
// sources (bin/newsdesk-dev.js); this file is what keeps dist/ honest.

const APP_ID = '1350000000000000001';
const GUILD_ID = '1350000000000000002';
const CHANNEL_ID = '1350000000000000003';
const TOKEN = fakeToken(APP_ID);
const ADMIN = EVERYONE_PERMISSIONS | Perm.MANAGE_GUILD | Perm.PIN_MESSAGES;

let checkout = '';
let bin = '';
let discord: FakeDiscord;
let llm: FakeLlm;
let site: Server;
let base = '';
let bot: BotProcess;
let demo: BotProcess;
let env: Record<string, string> = {};

/** An RSS feed of `count` items, each with a long description: above the worker threshold (256 KiB). */
function bigFeed(count: number): string {
  const now = new Date().toUTCString();
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Tide gauge report ${i}</title><link>${base}/tide/${i}</link><guid>t${i}</guid><pubDate>${now}</pubDate><description>${`The tide gauge at the outer harbour recorded reading ${i} on Monday, the port office said. `.repeat(8)}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Tide Office</title>${items.join('')}</channel></rss>`;
}

beforeAll(async () => {
  checkout = copyCheckout();
  await build(checkout);
  bin = path.join(checkout, 'bin/newsdesk.js');
  site = createServer((req, res) => {
    if (req.url === '/tides') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(bigFeed(400));
    }
    if (req.url === '/story') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(
        `<html><head><title>Pilot boat renamed</title></head><body><article><h1>Pilot boat renamed</h1><p>${'The harbour pilot boat was renamed on Sunday after a vote by the crews, the port office said. '.repeat(6)}</p></article></body></html>`,
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Harbour', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
  env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: 'fake-model',
    LLM_MAX_RETRIES: '0',
    INGEST_ALLOW_HOSTS: '127.0.0.1',
  };
  // The console's demo: the bundled samples, found beside package.json from dist/.
  demo = spawnBot(['console'], {}, { bin, stdin: '/exit\n' });
  expect(await demo.exited).toBe(0);
  // Discord serves only an operator's own articles: the same texts, imported with the compiled ingest.
  const seeded = spawnBot(['ingest', path.join(checkout, 'samples/articles')], {}, { bin });
  expect(await seeded.exited).toBe(0);
  bot = spawnBot(['start'], env, { bin, cwd: seeded.cwd });
  await bot.waitForLog('connected to Discord', 30_000);
}, 120_000);

afterAll(async () => {
  await (bot as BotProcess | undefined)?.stop();
  await (discord as FakeDiscord | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
  await new Promise<void>((r) => (site as Server | undefined)?.close(() => r()) ?? r());
});

async function run(name: string, values: Record<string, string>, subcommand?: string) {
  const sent = discord.command(name, values, {
    guildId: GUILD_ID,
    channelId: CHANNEL_ID,
    memberPermissions: ADMIN,
    ...(subcommand ? { subcommand } : {}),
  });
  const final = await discord.waitForRequest(finalReply(sent.id), 20_000);
  return JSON.stringify(final.body);
}

describe('the compiled bot (npm run build, bin/newsdesk.js)', () => {
  it('builds dist/ with JavaScript and source maps only, each command beside the sources', () => {
    const dist = path.join(checkout, 'dist');
    const files = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dist, path.join(e.parentPath, e.name)));
    expect(files.filter((f) => !/\.js(\.map)?$/.test(f))).toEqual([]);
    const commands = readdirSync(path.join(PROJECT_ROOT, 'commands')).filter((f) => f.endsWith('.ts'));
    expect(
      readdirSync(path.join(dist, 'commands'))
        .filter((f) => f.endsWith('.js'))
        .sort(),
    ).toEqual(commands.map((f) => f.replace(/\.ts$/, '.js')).sort());
    expect(files).toContain(path.join('src', 'extract', 'extract-worker.js'));
    expect(files).toContain(path.join('src', 'feeds', 'feed-worker.js'));
  });

  it('loads the prompt file from the package root and answers /news with a cited briefing from the LLM', async () => {
    const ready = bot.logs().find((l) => l.msg === 'newsdesk ready')!;
    const promptText = readFileSync(path.join(PROJECT_ROOT, 'prompts/briefing.md'));
    expect(ready.promptVersion).toBe(createHash('sha256').update(promptText).digest('hex').slice(0, 12));
    // The bundled samples, found beside package.json from dist/ on the console's first start.
    const samples = demo.logs().find((l) => l.msg === 'imported sample corpus into the empty article store')!;
    expect(samples).toMatchObject({ added: 21, dir: path.join(checkout, 'samples/articles') });
    const calls = llm.calls;
    const reply = await run('news', { topic: 'iraq' });
    expect(llm.calls).toBe(calls + 1);
    expect(reply).toMatch(/\[1\]/);
    expect(reply).toMatch(/fake-model/);
  });

  it('parses a large feed on the feed worker and extracts a page on the extraction worker', async () => {
    expect(await run('feeds', { url: `${base}/tides` }, 'add')).toMatch(
      /Added \*\*Tide Office\*\*: 400 items read, 400 new articles stored/,
    );
    expect(await run('article', { url: `${base}/story` }, 'add')).toMatch(/Stored: “Pilot boat renamed”/);
    expect(bot.stderr()).not.toMatch(/worker (failed|stopped unexpectedly)/);
  });

  it('registers the compiled commands (commands/*.js, no declaration or map files) with npm run deploy', async () => {
    const deploy = spawnBot(['deploy'], { ...env, DISCORD_GUILD_ID: GUILD_ID }, { bin });
    expect(await deploy.exited).toBe(0);
    const put = discord.requests.filter((r) => r.method === 'PUT').at(-1)!;
    const names = (put.body as { name: string }[]).map((c) => c.name).sort();
    const local = readdirSync(path.join(PROJECT_ROOT, 'commands'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    // One command per file: slash commands are named as their file; "Pin briefing" is a message command.
    expect(names).toHaveLength(local.length);
    expect(names.filter((n) => n !== 'Pin briefing')).toEqual(
      local.filter((f) => f !== 'pin-briefing').sort(),
    );
    expect(names).toContain('news');
    expect(names).toContain('Pin briefing');
  });

  it('stops with exit code 0 on SIGTERM', async () => {
    expect(await bot.stop()).toBe(0);
  });

  it('says how to build when there is no dist/', async () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'newsdesk-unbuilt-'));
    mkdirSync(path.join(bare, 'bin'));
    copyFileSync(bin, path.join(bare, 'bin/newsdesk.js'));
    const unbuilt = spawnBot(['help'], {}, { bin: path.join(bare, 'bin/newsdesk.js') });
    expect(await unbuilt.exited).toBe(1);
    expect(unbuilt.stderr()).toMatch(/newsdesk is not built yet \(no dist\/\): run `npm run build` first/);
  });
});
