import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeToken, PROJECT_ROOT } from '../support/bot-process.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { build, copyCheckout } from '../support/package-copy.js';

// README "Run in production", followed literally: every ```sh block of that section carries a marker
// comment, <!-- readme-test: run -->, <!-- readme-test: run, bot stopped -->, <!-- readme-test: start -->
// or <!-- readme-test: skip: why -->, and the blocks that are not skipped run as written, in order, with
// bash, in a clean copy of the checkout (its dependencies linked, its build made as `npm ci` would).

interface Block {
  kind: 'run' | 'start' | 'skip';
  botStopped: boolean;
  reason: string;
  code: string;
}

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

function productionSection(): string {
  const start = README.indexOf('\n## Run in production\n');
  expect(start, 'README has a "Run in production" section').toBeGreaterThan(0);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

function blocks(section: string): Block[] {
  return [...section.matchAll(/(?:<!-- readme-test: ([^\n]*?) -->\n)?```sh\n([\s\S]*?)```/g)].map((m) => {
    const marker = m[1] ?? '';
    const kind = /^(run|start|skip)\b/.exec(marker)?.[1] as Block['kind'] | undefined;
    if (!kind) throw new Error(`a shell block in "Run in production" has no readme-test marker:\n${m[2]!}`);
    return {
      kind,
      botStopped: /\bbot stopped\b/.test(marker),
      reason: /^skip: (.+)$/.exec(marker)?.[1] ?? '',
      code: m[2]!,
    };
  });
}

const APP_ID = '1360000000000000001';
const GUILD_ID = '1360000000000000002';
const TOKEN = fakeToken(APP_ID);

let discord: FakeDiscord | undefined;
let bot: ChildProcess | undefined;

afterAll(async () => {
  if (bot?.exitCode === null) bot.kill('SIGKILL');
  await discord?.close();
});

/** PATH without the node_modules/.bin folders of this test run: only what an operator's shell has. */
const operatorEnv = () => ({
  PATH: (process.env.PATH ?? '')
    .split(':')
    .filter((p) => !p.includes(`${path.sep}node_modules${path.sep}`))
    .join(':'),
  HOME: process.env.HOME ?? '/tmp',
});

function runBlock(dir: string, code: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn('bash', ['-euo', 'pipefail', '-c', code], { cwd: dir, env: operatorEnv() });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (exit) => resolve({ code: exit, out }));
  });
}

/** Starts a one-line `start` block and waits until the bot says it is connected to Discord. */
async function startBlock(dir: string, code: string): Promise<ChildProcess> {
  const line = code.trim();
  expect(line.split('\n'), 'a start block is one command').toHaveLength(1);
  // exec: the signal the test sends reaches that command, as systemd's or tini's would.
  const proc = spawn('bash', ['-c', `exec ${line}`], { cwd: dir, env: operatorEnv() });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!err.includes('"msg":"connected to Discord')) {
    if (proc.exitCode !== null) throw new Error(`"${line}" exited (${proc.exitCode}):\n${err}`);
    if (Date.now() > deadline) throw new Error(`"${line}" was not connected within 30 s:\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return proc;
}

async function stop(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
  proc.kill('SIGTERM');
  return exited;
}

/** What an operator does after `cp .env.example .env`: sets the settings in it. */
function configure(envFile: string, settings: Record<string, string>): void {
  let text = readFileSync(envFile, 'utf8');
  for (const [key, value] of Object.entries(settings)) {
    const line = new RegExp(`^${key}=.*$`, 'm');
    text = line.test(text) ? text.replace(line, `${key}=${value}`) : `${text}\n${key}=${value}\n`;
  }
  writeFileSync(envFile, text);
}

describe('README "Run in production"', () => {
  const section = productionSection();
  const all = blocks(section);

  it('marks each shell block: run, start, or skip with the reason', () => {
    expect(all.filter((b) => b.kind !== 'skip').length).toBeGreaterThanOrEqual(4);
    for (const b of all) if (b.kind === 'skip') expect(b.reason.length).toBeGreaterThan(10);
    // Runnable blocks never install: the copy's node_modules links to this checkout's.
    for (const b of all) if (b.kind !== 'skip') expect(b.code).not.toMatch(/\bnpm (ci|install|i|prune)\b/);
    expect(section).toMatch(/newsdesk backup/);
  });

  it('works as written: configure, deploy, start, back up while running, stop, restore, start again', async () => {
    const dir = copyCheckout();
    await build(dir); // what the skipped `npm ci` runs through the prepare script
    discord = await startFakeDiscord({
      token: TOKEN,
      applicationId: APP_ID,
      guilds: [{ id: GUILD_ID, name: 'Prod', channels: [{ id: '1360000000000000003', name: 'general' }] }],
    });
    const settings = {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.restUrl,
      DISCORD_GUILD_ID: GUILD_ID,
      LOG_LEVEL: 'info',
    };
    const envFile = path.join(dir, '.env');
    let startCode = '';
    let backedUp = '';
    let changedAfterBackup = false;
    for (const block of all) {
      if (block.kind === 'skip') continue;
      if (block.kind === 'start') {
        startCode = block.code;
        bot = await startBlock(dir, block.code);
        continue;
      }
      if (block.botStopped && bot) {
        // The state after the backup, which the restore must undo: one more article.
        writeFileSync(
          path.join(dir, 'late.txt'),
          'Late harbour notice\n\nThe ferry ran late on Tuesday, the port said.\n',
        );
        expect((await runBlock(dir, 'node bin/newsdesk.js ingest late.txt')).code).toBe(0);
        changedAfterBackup = true;
        expect(await stop(bot)).toBe(0);
        bot = undefined;
      }
      const result = await runBlock(dir, block.code);
      expect(result.code, `${block.code}\n${result.out}`).toBe(0);
      if (/newsdesk(\.js)? backup/.test(block.code)) backedUp = result.out;
      if (existsSync(envFile) && !readFileSync(envFile, 'utf8').includes(TOKEN)) configure(envFile, settings);
    }

    // npm run deploy registered the commands with (fake) Discord.
    expect(
      discord.requests.some((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${GUILD_ID}/commands`)),
    ).toBe(true);
    // The backup, made while the bot ran, holds the 21 sample articles of its first start.
    expect(backedUp).toMatch(
      /Backed up .*data\/newsdesk\.db to .*backups\/newsdesk-\d{4}-\d\d-\d\d\.db: .*, 21 articles, integrity ok/,
    );
    // Restored: started again as the README says, the bot has the backup's articles, not the later one.
    expect(changedAfterBackup).toBe(true);
    expect(bot).toBeUndefined();
    bot = await startBlock(dir, startCode);
    const listed = await runBlock(dir, 'node bin/newsdesk.js articles list --limit 1');
    expect(listed.out).toMatch(/1 of 21 articles shown/);
    expect(await stop(bot)).toBe(0);
  }, 120_000);
});
