/**
 * The bot as a service, end to end with the real discord.js client against the fake Discord: the
 * console's sample articles never reach Discord members, and a stop signal (to `npm start` or to node)
 * lets the answer in flight finish, tells new commands to come back, and ends every process with 0.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { fakeToken, folderWithArticles, freePort, PROJECT_ROOT, spawnBot } from '../support/bot-process.js';
import { FakeLlm } from '../support/fake-llm.js';
import { finalReply } from '../support/final-reply.js';

const APP_ID = '1330000000000000001';
const GUILD_ID = '1330000000000000002';
const CHANNEL_ID = '1330000000000000003';
const TOKEN = fakeToken(APP_ID);

let discord: FakeDiscord;
let llm: FakeLlm;

beforeAll(async () => {
  llm = await FakeLlm.start();
  discord = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guilds: [{ id: GUILD_ID, name: 'Ops', channels: [{ id: CHANNEL_ID, name: 'general' }] }],
  });
});

afterAll(async () => {
  await (discord as FakeDiscord | undefined)?.close();
  await (llm as FakeLlm | undefined)?.close();
});

beforeEach(() => llm.set({}));

const discordEnv = () => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_API_URL: discord.restUrl,
  OPENAI_BASE_URL: llm.baseURL,
  OPENAI_MODEL: 'fake-model',
  LLM_MAX_RETRIES: '0',
});

interface Body {
  content?: string;
  flags?: number;
  data?: { content?: string; flags?: number };
  embeds?: { footer?: { text: string }; description?: string }[];
}

function news(topic: string) {
  return discord.command('news', { topic }, { guildId: GUILD_ID, channelId: CHANNEL_ID });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('sample articles belong to the console', () => {
  it('a Discord start removes them (logged), /news then says how to add news, and the console gets them back', async () => {
    const demo = spawnBot(['console'], {}, { stdin: '/news topic:iraq\n' });
    expect(await demo.exited).toBe(0);
    expect(demo.stdout()).toMatch(/Iraq/);
    const cwd = demo.cwd;

    const bot = spawnBot(['start'], discordEnv(), { cwd });
    try {
      await bot.waitForLog('connected to Discord');
      const removal = bot.logs().find((l) => /^removed the \d+ bundled sample articles/.test(String(l.msg)));
      expect(removal?.removed).toBeGreaterThanOrEqual(20);
      const sent = news('iraq');
      const reply = await discord.waitForRequest(finalReply(sent.id), 10_000);
      expect(JSON.stringify(reply.body)).toMatch(
        /No articles yet: an admin can add feeds with `\/feeds add`/,
      );
    } finally {
      expect(await bot.stop()).toBe(0);
    }

    const list = spawnBot(['articles', 'list'], {}, { cwd });
    expect(await list.exited).toBe(0);
    expect(list.stdout()).toMatch(/^0 of 0 articles shown/m);

    const again = spawnBot(['console'], {}, { cwd, stdin: '/news topic:iraq\n' });
    expect(await again.exited).toBe(0);
    expect(again.stdout()).toMatch(/Iraq/);
  }, 60_000);

  it("an operator's own import of the same texts is served, and `articles remove` removes what it is told", async () => {
    const cwd = await folderWithArticles();
    const bot = spawnBot(['start'], discordEnv(), { cwd });
    try {
      await bot.waitForLog('connected to Discord');
      expect(bot.logs().some((l) => String(l.msg).includes('bundled sample'))).toBe(false);
      const sent = news('iraq');
      const reply = await discord.waitForRequest(finalReply(sent.id), 10_000);
      expect(JSON.stringify(reply.body)).toMatch(/fake-model/);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
    const count = async () => {
      const list = spawnBot(['articles', 'list', '--json', '--limit', '500'], {}, { cwd });
      expect(await list.exited).toBe(0);
      return (JSON.parse(list.stdout()) as { id: number; source: string }[]).map((a) => a);
    };
    const before = await count();
    const [first, second] = before;

    const preview = spawnBot(['articles', 'remove', String(first!.id), String(second!.id)], {}, { cwd });
    expect(await preview.exited).toBe(0);
    expect(preview.stdout()).toMatch(/2 articles with those ids would be removed\. Nothing was removed/);
    expect(await count()).toHaveLength(before.length);

    const removeIds = spawnBot(
      ['articles', 'remove', String(first!.id), String(second!.id), '--yes'],
      {},
      { cwd },
    );
    expect(await removeIds.exited).toBe(0);
    expect(removeIds.stdout()).toMatch(new RegExp(`Removed 2 articles; ${before.length - 2} left`));

    const source = before.find((a) => a.id !== first!.id && a.id !== second!.id)!.source;
    const bySource = before.filter((a) => a.source === source && a.id !== first!.id && a.id !== second!.id);
    const removeSource = spawnBot(['articles', 'remove', '--source', source, '--yes'], {}, { cwd });
    expect(await removeSource.exited).toBe(0);
    expect(removeSource.stdout()).toMatch(new RegExp(`Removed ${bySource.length} article`));
    expect((await count()).some((a) => a.source === source)).toBe(false);

    const nothing = spawnBot(['articles', 'remove', '--samples', '--yes'], {}, { cwd });
    expect(await nothing.exited).toBe(0);
    expect(nothing.stdout()).toMatch(/No articles bundled sample are stored|nothing to remove/);

    const bad = spawnBot(['articles', 'remove', 'abc'], {}, { cwd });
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toMatch(/Not an article id: abc/);
  }, 90_000);
});

describe('stop signals', () => {
  it('SIGTERM to `npm start`: the /news in flight gets its briefing, a new one is told to retry, every process exits 0 in time', async () => {
    // `npm start` runs the compiled bot: build it from these sources first, as `npm ci` would.
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    const cwd = await folderWithArticles();
    llm.set({ delayMs: 2_500 });
    const grace = 6_000;
    const port = await freePort();
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      return { status: res.status, body: (await res.json()) as { status: string } };
    };
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? cwd,
        LOG_LEVEL: 'info',
        DATA_DIR: `${cwd}/data`,
        SHUTDOWN_GRACE: `${grace}ms`,
        HEALTH_PORT: String(port),
        ...discordEnv(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    npm.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    npm.stdout.resume();
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    const logs = () =>
      err
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    try {
      for (let i = 0; !logs().some((l) => String(l.msg).startsWith('connected to Discord')); i++) {
        if (i > 400 || npm.exitCode !== null) throw new Error(`bot did not connect:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const botPid = Number(logs().find((l) => String(l.msg).startsWith('connected to Discord'))!.pid);
      expect(botPid).not.toBe(npm.pid);
      expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready' } });

      const inFlight = news('iraq');
      await discord.waitForRequest(
        (r) => r.interactionId === inFlight.id && r.path.endsWith('/callback'),
        5_000,
      );
      const signalled = performance.now();
      npm.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      // A load balancer or orchestrator sees the bot going at once; the answer in flight goes on.
      expect(await readyz()).toMatchObject({ status: 503, body: { status: 'shutting_down' } });
      const late = news('tsunami');
      const lateReply = await discord.waitForRequest(finalReply(late.id), 5_000);
      const lateBody = lateReply.body as Body;
      expect(lateBody.data?.content ?? lateBody.content).toMatch(/restarting\. Please try again in a minute/);
      expect(lateBody.data?.flags ?? lateBody.flags).toBe(64);

      const final = await discord.waitForRequest(finalReply(inFlight.id), grace + 2_000);
      const body = final.body as Body;
      expect(body.embeds?.[0]?.footer?.text).toMatch(/fake-model$/);
      expect(await exited).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(grace + 2_000);
      expect(alive(botPid)).toBe(false);
      expect(logs().find((l) => String(l.msg).startsWith('stopped on SIGTERM'))).toMatchObject({
        inFlight: 1,
        cutShort: false,
        abandoned: 0,
      });
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
    }
  }, 120_000);

  it('SIGINT to node with an LLM slower than SHUTDOWN_GRACE: the member gets the extractive briefing, exit 0', async () => {
    const cwd = await folderWithArticles();
    llm.set({ delayMs: 30_000 });
    const grace = 3_000;
    const bot = spawnBot(
      ['start'],
      { ...discordEnv(), SHUTDOWN_GRACE: `${grace}ms`, LLM_TIMEOUT: '60s' },
      { cwd },
    );
    try {
      await bot.waitForLog('connected to Discord');
      const sent = news('iraq');
      await discord.waitForRequest((r) => r.interactionId === sent.id && r.path.endsWith('/callback'), 5_000);
      await new Promise((r) => setTimeout(r, 200));
      const signalled = performance.now();
      bot.proc.kill('SIGINT');
      const final = await discord.waitForRequest(finalReply(sent.id), grace + 2_000);
      expect(JSON.stringify(final.body)).toMatch(/extractive summary: newsdesk was restarting/);
      expect(await bot.exited).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(grace + 2_000);
      expect(bot.logs().find((l) => String(l.msg).startsWith('stopped on SIGINT'))).toMatchObject({
        cutShort: true,
        abandoned: 0,
      });
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
