/**
 * Issue 11, parts 4-6 end to end: the bot as an operator runs it (child process, fake Discord with the
 * real discord.js client, fake LLM), with HEALTH_PORT set: /readyz, /metrics, the start-up line and
 * /newsdesk status; then the command comparison against Discord, in process.
 */
import { Client, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy.js';
import { logReadyLine } from '../../src/discord/ready-line.js';
import type { Command } from '../../src/interactions/command.js';
import { loadCommands } from '../../src/interactions/load-commands.js';
import { recordingLogger } from '../support/app-fixtures.js';
import {
  fakeToken,
  spawnBot,
  type BotProcess,
  folderWithArticles,
  freePort,
} from '../support/bot-process.js';
import {
  EVERYONE_PERMISSIONS,
  Perm,
  startFakeDiscord,
  type FakeDiscord,
} from '../support/fake-discord/index.js';
import { FakeLlm } from '../support/fake-llm.js';
import { finalReply } from '../support/final-reply.js';

const APP_ID = '1360000000000000001';
const GUILD_ID = '1360000000000000002';
const CHANNEL_ID = '1360000000000000003';
const TOKEN = fakeToken(APP_ID);
const API_KEY = 'sk-observe-do-not-leak-0123456789';
const ADMIN = EVERYONE_PERMISSIONS | Perm.MANAGE_GUILD;

let discord: FakeDiscord;
let llm: FakeLlm;
let bot: BotProcess;
let port: number;
/** What /readyz answered before Discord's READY. */
let early: {
  status: number;
  body: { status: string; checks: Record<string, { ok: boolean; error?: string }> };
};

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

/** The value of one series on /metrics, once it has reached `atLeast` (the count follows the reply by a tick). */
async function metric(series: string, atLeast = 1, timeoutMs = 5_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(url('/metrics'))).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    const value = line === undefined ? undefined : Number(line.slice(series.length + 1));
    if ((value !== undefined && value >= atLeast) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Ops', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
  port = await freePort();
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.restUrl,
    DISCORD_GUILD_ID: GUILD_ID,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_API_KEY: API_KEY,
    OPENAI_MODEL: 'fake-model',
    LLM_MAX_RETRIES: '0',
    HEALTH_PORT: String(port),
  };
  const deploy = spawnBot(['deploy'], env, { cwd: await folderWithArticles() });
  expect(await deploy.exited).toBe(0);
  // Hold the login back, so that there is a moment when the health server runs and Discord is not ready.
  const release = discord.delay('GET /gateway/bot', 2_500);
  bot = spawnBot(['start'], env, { cwd: deploy.cwd });
  await bot.waitForLog('health and metrics served');
  const res = await fetch(url('/readyz'));
  early = { status: res.status, body: (await res.json()) as typeof early.body };
  await bot.waitForLog('connected to Discord');
  release();
}, 60_000);

afterAll(async () => {
  await (bot as BotProcess | undefined)?.stop();
  await (discord as FakeDiscord | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
});

describe('health, metrics and status on Discord, end to end', () => {
  it('/readyz is 503 until Discord is ready (database and cache fine), then 200; /healthz is 200', async () => {
    expect(early.status).toBe(503);
    expect(early.body.status).toBe('not_ready');
    expect(early.body.checks.discord).toMatchObject({ ok: false, error: 'not connected yet' });
    expect(early.body.checks.database).toMatchObject({ ok: true });
    expect(early.body.checks.cache).toMatchObject({ ok: true });
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { discord: { ok: true } } });
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });

  it('logs one JSON start-up line: who, how many servers, commands deployed, LLM host and model, cache', () => {
    const lines = bot.logs().filter((l) => String(l.msg).startsWith('connected to Discord'));
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.level).toBe(30);
    expect(line.msg).toMatch(
      new RegExp(
        `^connected to Discord as \\S+ in 1 server; commands: deployed \\(\\d+, server ${GUILD_ID}\\); LLM: 127\\.0\\.0\\.1:\\d+ model fake-model; cache: sqlite://$`,
      ),
    );
    expect(line).toMatchObject({ guilds: 1, commands: { state: 'deployed' } });
    // Only JSON on stderr in Discord mode: no readable banner, no stray text.
    expect(
      bot
        .stderr()
        .split('\n')
        .filter((l) => l && !l.startsWith('{')),
    ).toEqual([]);
  });

  it('/metrics counts a /news after it happens, with its reply time, the cache miss and the LLM tokens', async () => {
    const series = 'newsdesk_interactions_total{command="news",outcome="ok"}';
    expect(await metric(series, 1, 0)).toBeUndefined();
    const sent = discord.command('news', { topic: 'iraq' }, { guildId: GUILD_ID, channelId: CHANNEL_ID });
    await discord.waitForRequest(finalReply(sent.id), 15_000);
    expect(await metric(series)).toBe(1);
    expect(await metric('newsdesk_reply_seconds_count{command="news"}')).toBe(1);
    expect(await metric('newsdesk_cache_lookups_total{result="miss"}')).toBe(1);
    // One briefing call, after one notes call per article that had no notes yet (the map step).
    expect(llm.calls).toBe(1);
    expect(llm.notesCalls).toBeGreaterThan(0);
    expect(await metric('newsdesk_llm_calls_total{outcome="ok",purpose="briefing"}')).toBe(1);
    expect(await metric('newsdesk_llm_calls_total{outcome="ok",purpose="notes"}')).toBe(llm.notesCalls);
    expect(await metric('newsdesk_llm_tokens_total{kind="input",purpose="briefing"}')).toBe(100);
    expect(await metric('newsdesk_llm_tokens_total{kind="input",purpose="notes"}')).toBe(
      100 * llm.notesCalls,
    );
    const text = await (await fetch(url('/metrics'))).text();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('# TYPE newsdesk_reply_seconds histogram');
  });

  it('/newsdesk status answers admins privately with the figures, and refuses other members', async () => {
    const sent = discord.command(
      'newsdesk',
      {},
      { guildId: GUILD_ID, channelId: CHANNEL_ID, subcommand: 'status', memberPermissions: ADMIN },
    );
    const final = await discord.waitForRequest(finalReply(sent.id), 10_000);
    const callback = discord.requestsFor(sent.id).find((r) => r.path.endsWith('/callback'))!;
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const text = (final.body as { content: string }).content;
    expect(text).toMatch(/^\*\*newsdesk 0\.1\.0\*\* · prompt `[0-9a-f]{8,}` · up \d+ s/);
    expect(text).toMatch(/\*\*Articles:\*\* \d+ stored · newest “.+”, <t:\d+:f> \(<t:\d+:R>\)/);
    expect(text).toContain('**Feeds (this server):** none');
    expect(text).toContain('**Cache** `sqlite://`: 0 % hits (0 of 1 lookups since start)');
    const calls = 1 + llm.notesCalls;
    expect(text).toContain(
      `· fake-model: ${calls} calls today (UTC) · ${(100 * calls).toLocaleString('en-US')} tokens in, ${(50 * calls).toLocaleString('en-US')} out`,
    );
    expect(text).toMatch(/\*\*LLM\*\* 127\.0\.0\.1:\d+ · fake-model/);
    expect(text).toContain('**Next digests:** none on this server');
    expect(final.specErrors).toEqual([]);

    const member = discord.command(
      'newsdesk',
      {},
      {
        guildId: GUILD_ID,
        channelId: CHANNEL_ID,
        subcommand: 'status',
        memberPermissions: EVERYONE_PERMISSIONS,
      },
    );
    const refused = await discord.waitForRequest(finalReply(member.id), 10_000);
    expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(refused.body)).toContain('You need the Manage Server permission');
    expect(await metric('newsdesk_interactions_total{command="newsdesk",outcome="refused"}')).toBe(1);
  });

  it('shows no secret in logs, /metrics or /readyz', async () => {
    const bodies = [
      bot.stderr(),
      await (await fetch(url('/metrics'))).text(),
      await (await fetch(url('/readyz'))).text(),
    ].join('\n');
    for (const secret of [TOKEN, API_KEY, TOKEN.split('.')[2]!]) expect(bodies).not.toContain(secret);
    expect(discord.specViolations()).toEqual([]);
  });
});

describe('the start-up line compares the registered commands with the local ones (fake Discord, real client)', () => {
  let client: Client<true>;
  let commands: Map<string, Command>;

  beforeAll(async () => {
    commands = await loadCommands();
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
    await c.login(TOKEN);
    if (!c.isReady()) await new Promise((r) => c.once('clientReady', r));
    client = c as Client<true>;
  });
  afterAll(async () => {
    await client.destroy();
  });

  async function line(guildId?: string) {
    const log = recordingLogger('info');
    await logReadyLine(client, {
      logger: log.logger,
      commands,
      ...(guildId ? { guildId } : {}),
      summary: { llm: 'extractive (no language model configured)', cache: 'memory://' },
    });
    expect(log.lines).toHaveLength(1);
    return log.lines[0]! as { level: number; msg: string };
  }

  it('says "deployed" right after npm run deploy, in a server and globally', async () => {
    await deployCommands({ token: TOKEN, guildId: GUILD_ID, apiUrl: discord.restUrl, commands });
    const inServer = await line(GUILD_ID);
    expect(inServer.level).toBe(30);
    expect(inServer.msg).toContain(
      `; commands: deployed (${commands.size}, server ${GUILD_ID}); LLM: extractive`,
    );
    await deployCommands({ token: TOKEN, apiUrl: discord.restUrl, commands });
    expect((await line()).msg).toContain(`; commands: deployed (${commands.size}, global); `);
  });

  it('warns when the commands were never deployed', async () => {
    discord.state.commands.delete('global');
    const warning = await line();
    expect(warning.level).toBe(40);
    expect(warning.msg).toContain(
      '; WARNING: no slash commands are registered (global); run npm run deploy; ',
    );
  });

  it('warns naming a command whose description changed, and one missing', async () => {
    const older = new Map(commands);
    const news = commands.get('news')!;
    older.set('news', {
      ...news,
      data: {
        name: 'news',
        toJSON: () => ({ ...news.data.toJSON(), description: 'The news, as it was described before' }),
      },
    });
    older.delete('newsdesk');
    await deployCommands({ token: TOKEN, guildId: GUILD_ID, apiUrl: discord.restUrl, commands: older });
    const warning = await line(GUILD_ID);
    expect(warning.level).toBe(40);
    expect(warning.msg).toContain(
      `; WARNING: the registered commands (server ${GUILD_ID}) differ from the local definitions, run npm run deploy: missing /newsdesk, changed /news (description); `,
    );
  });

  it('says the commands were not checked when Discord refuses the read', async () => {
    discord.failNext('GET /applications/*/commands', 'missingAccess');
    const warning = await line();
    expect(warning.level).toBe(40);
    expect(warning.msg).toMatch(
      /; WARNING: commands not checked \(could not read them from Discord: Missing Access\); /,
    );
  });
});

describe('on the console', () => {
  it('answers /newsdesk status for its pretend server without raw markup, and LOG_PRETTY logs readable lines', async () => {
    const consoleBot = spawnBot(
      ['console'],
      { LOG_PRETTY: '1', OPENAI_API_KEY: API_KEY },
      { stdin: '/help\n/newsdesk status\n' },
    );
    expect(await consoleBot.exited).toBe(0);
    const out = consoleBot.stdout();
    expect(out).toMatch(/^\/newsdesk status\n {4}Version, articles, feeds, cache, LLM use today/m);
    // Markup is rendered for the terminal (plain, since stdout is a pipe), the pretend server's figures shown.
    expect(out).not.toMatch(/\*\*|`|<t:\d+/);
    expect(out).toMatch(/^newsdesk 0\.1\.0 · prompt [0-9a-f]+ · up \d+ s$/m);
    expect(out).toMatch(/^Articles: 21 stored · newest “[^”]+”, \w+ \d+, \d{4}/m);
    expect(out).toContain('Feeds (this server): none');
    expect(out).toContain('LLM api.openai.com · gpt-4o-mini: 0 calls today (UTC) · 0 tokens in, 0 out');
    expect(out).toContain('Next digests: none on this server (/digest set schedules one)');
    const err = consoleBot.stderr();
    expect(err).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: newsdesk ready$/m);
    expect(err.split('\n').some((l) => l.startsWith('{'))).toBe(false);
    expect(err).not.toContain(API_KEY);
  });
});
