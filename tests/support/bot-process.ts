/**
 * Starts the bot the way an operator does (`newsdesk <command>`), as a child process with its
 * own environment and a temporary working folder (no .env of the developer leaks in), and collects its
 * JSON log lines from stderr. It runs the TypeScript sources (bin/newsdesk-dev.js, through tsx), so tests
 * never run a stale dist/; tests/build/compiled-bot.test.ts builds and runs the compiled bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
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
      for (;;) {
        const hit = logs().find((l) => l.msg === msg);
        if (hit) return hit;
        if (proc.exitCode !== null)
          throw new Error(`bot exited (${proc.exitCode}) before logging "${msg}":\n${err}`);
        if (Date.now() > deadline)
          throw new Error(`bot did not log "${msg}" within ${timeoutMs} ms:\n${err}`);
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
