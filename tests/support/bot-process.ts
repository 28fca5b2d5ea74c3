/**
 * Starts the bot the way an operator does (`newsdesk <command>`), as a child process with its
 * own environment and a temporary working folder (no .env of the developer leaks in), and collects its
 * JSON log lines from stderr. It runs the TypeScript sources (bin/newsdesk-dev.js, through tsx), so tests
 * never run a stale dist/; tests/build/compiled-bot.test.ts builds and runs the compiled bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The sources through tsx: what the tests run. */
export const BIN = path.join(PROJECT_ROOT, 'bin/newsdesk-dev.js');
/** The compiled build (dist/ beside it), as operators run it. */
export const COMPILED_BIN = path.join(PROJECT_ROOT, 'bin/newsdesk.js');

/** A syntactically real bot token whose first part encodes `appId`, as Discord's do. */
export function fakeToken(appId: string): string {
  return `${Buffer.from(appId).toString('base64').replace(/=+$/, '')}.GhIjKl.${'x'.repeat(27)}`;
}

export interface BotProcess {
  proc: ChildProcess;
  cwd: string;
  stdout: () => string;
  stderr: () => string;
  /** Parsed JSON log lines so far. */
  logs: () => Record<string, unknown>[];
  /**
   * The first log line whose msg is `msg`, or starts with it and a space or `;` (the start-up line
   * "connected to Discord as … in N servers; …" is found by `connected to Discord`), or matches a RegExp.
   */
  waitForLog(msg: string | RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Spawns `newsdesk <args>` with exactly `env` (plus PATH/HOME) in a fresh temp folder unless `cwd` is given;
 * `bin` picks the entry point (default: the sources, {@link BIN}).
 */
export function spawnBot(
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; stdin?: string; bin?: string } = {},
): BotProcess {
  const cwd = options.cwd ?? mkdtempSync(path.join(tmpdir(), 'newsdesk-e2e-'));
  const proc = spawn(process.execPath, [options.bin ?? BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  if (options.stdin !== undefined) proc.stdin.end(options.stdin);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const logs = () =>
    err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return {
    proc,
    cwd,
    stdout: () => out,
    stderr: () => err,
    logs,
    async waitForLog(msg, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const matches = (text: unknown): boolean =>
        typeof text === 'string' &&
        (typeof msg === 'string'
          ? text === msg || text.startsWith(`${msg} `) || text.startsWith(`${msg};`)
          : msg.test(text));
      for (;;) {
        const hit = logs().find((l) => matches(l.msg));
        if (hit) return hit;
        if (proc.exitCode !== null)
          throw new Error(`bot exited (${proc.exitCode}) before logging "${String(msg)}":\n${err}`);
        if (Date.now() > deadline)
          throw new Error(`bot did not log "${String(msg)}" within ${timeoutMs} ms:\n${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    exited,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * A fresh working folder whose database holds the bundled sample texts, imported as an operator's own
 * articles (`newsdesk ingest samples/articles`): a Discord-mode bot serves those, unlike the console's
 * demo import, which it removes.
 */
export async function folderWithArticles(): Promise<string> {
  const ingest = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], {});
  const code = await ingest.exited;
  if (code !== 0) throw new Error(`ingest failed (${String(code)}):\n${ingest.stderr()}`);
  return ingest.cwd;
}

/** A TCP port free on 127.0.0.1 right now (for HEALTH_PORT). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
