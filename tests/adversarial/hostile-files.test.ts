/**
 * A folder given to `newsdesk ingest` may hold anything: links to devices, FIFOs, link loops, links out of
 * the folder. Each gets a clear per-file result; nothing hangs and memory stays flat.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, importFilesSync, type FileImportResult } from '../../src/ingest/files/ingest-files.js';
import type { ArticleStore } from '../../src/articles/store.js';
import { memoryStore, tempDir } from '../articles/helpers.js';

const BODY =
  'The harbour authority said the port would reopen on Monday after repairs to the sea wall were finished.';

function hasMkfifo(): boolean {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let folder: string;
let outside: string;
const cleanups: (() => void)[] = [];
beforeEach(() => {
  const a = tempDir();
  const b = tempDir();
  cleanups.push(a.cleanup, b.cleanup);
  folder = a.dir;
  outside = b.dir;
  writeFileSync(join(folder, 'good.txt'), `Harbour reopens\n\n${BODY}`);
  writeFileSync(join(outside, 'secret.txt'), `Private notes\n\n${BODY}`);
  symlinkSync('/dev/zero', join(folder, 'zero.txt'));
  symlinkSync(join(outside, 'secret.txt'), join(folder, 'outside.txt'));
  symlinkSync(join(folder, 'good.txt'), join(folder, 'same-folder-link.txt'));
  symlinkSync(join(folder, 'loop-b.txt'), join(folder, 'loop-a.txt'));
  symlinkSync(join(folder, 'loop-a.txt'), join(folder, 'loop-b.txt'));
  mkdirSync(join(folder, 'sub'));
  symlinkSync(folder, join(folder, 'sub', 'back-to-root'));
  if (hasMkfifo()) execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
});
let store: ArticleStore;
beforeEach(() => (store = memoryStore()));
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function byFile(results: readonly FileImportResult[]): Record<string, string> {
  return Object.fromEntries(
    results.map((r) => [r.path.slice(folder.length + 1), r.reason ? `${r.status}: ${r.reason}` : r.status]),
  );
}

const EXPECTED: Record<string, string> = {
  'good.txt': 'added',
  'loop-a.txt': 'failed: a symbolic link loop',
  'loop-b.txt': 'failed: a symbolic link loop',
  'outside.txt': 'skipped: a link to outside the imported folder (not followed)',
  'same-folder-link.txt': 'unchanged',
  'sub/back-to-root': 'skipped: a link to a folder (not followed)',
  'zero.txt': 'skipped: a link to outside the imported folder (not followed)',
};

describe('a hostile folder', () => {
  it('gives each special file a clear result and imports only the regular files inside it', () => {
    const before = process.memoryUsage().rss;
    const summary = importFilesSync(store, [folder]);
    const expected = hasMkfifo()
      ? { ...EXPECTED, 'pipe.txt': 'failed: not a regular file: a named pipe (FIFO)' }
      : EXPECTED;
    expect(byFile(summary.results)).toEqual(expected);
    expect(store.count()).toBe(1);
    // /dev/zero was never read: memory did not grow by anything like a file's worth.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('the asynchronous import gives the same results and does not hang on the FIFO', async () => {
    const results: FileImportResult[] = [];
    for await (const r of importFiles(store, [folder])) results.push(r);
    expect(byFile(results)['pipe.txt'] ?? 'no fifo').toMatch(/not a regular file|no fifo/);
    expect(byFile(results)['zero.txt']).toBe(EXPECTED['zero.txt']);
  });

  it('a device or FIFO named directly is refused before any byte is read', () => {
    const summary = importFilesSync(store, ['/dev/zero']);
    expect(summary.results.map((r) => r.reason)).toEqual([
      expect.stringMatching(/unsupported extension|not a regular file/),
    ]);
    const link = join(folder, 'direct-zero.txt');
    symlinkSync('/dev/zero', link);
    expect(importFilesSync(store, [link]).results[0]!.reason).toBe(
      'not a regular file: a device or other special file',
    );
  });
});
