/**
 * A clean copy of the checkout in a temp folder, as a fresh clone would be (the files git knows, with the
 * working tree's changes), for tests that build and run newsdesk the way an operator does. Its
 * node_modules links each installed package of this checkout except the TypeScript runner (tsx and
 * esbuild): what runs there must be the compiled build, and cannot fall back on loading sources.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './bot-process.js';

/** Development-only packages left out of the copy's node_modules. */
export const LEFT_OUT = ['tsx', 'esbuild', '@esbuild'];

/** Copies the checkout into a new temp folder and links its dependencies; returns the folder. */
export function copyCheckout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-checkout-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (file === 'node_modules') continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      copyFileSync(path.join(PROJECT_ROOT, file), path.join(dir, file));
    } catch (err) {
      // A file deleted in the working tree but not yet in git's index.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(path.join(PROJECT_ROOT, 'node_modules'))) {
    if (LEFT_OUT.includes(name) || name === '.bin' || name === '.cache') continue;
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules', name), path.join(modules, name));
  }
  // `npm run build` needs tsc on its PATH, and nothing else from .bin.
  mkdirSync(path.join(modules, '.bin'));
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules/.bin/tsc'), path.join(modules, '.bin/tsc'));
  return dir;
}

/** Runs `npm run build` in `dir`; resolves with its output, rejects when it fails. */
export function build(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`npm run build failed:\n${out}`)),
    );
  });
}
