import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileReadError, readRegularFile, readRegularFileSync } from '../../src/ingest/files/read-file.js';

const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const at = (name: string) => path.join(root, name);

writeFileSync(at('small.txt'), 'hello');
writeFileSync(at('big.txt'), 'x'.repeat(5000));
mkdirSync(at('folder'));
symlinkSync('/dev/zero', at('zero.txt'));
symlinkSync(at('loop-b.txt'), at('loop-a.txt'));
symlinkSync(at('loop-a.txt'), at('loop-b.txt'));
let fifo = false;
try {
  execFileSync('mkfifo', [at('pipe.txt')]);
  fifo = true;
} catch {
  /* no mkfifo: that case is skipped */
}

const readers = [
  ['readRegularFile', (p: string, max: number) => readRegularFile(p, max)],
  ['readRegularFileSync', async (p: string, max: number) => Promise.resolve(readRegularFileSync(p, max))],
] as const;

describe.each(readers)('%s', (_name, read) => {
  const failure = async (p: string, max = 1024): Promise<string> => {
    try {
      await read(p, max);
    } catch (err) {
      expect(err).toBeInstanceOf(FileReadError);
      return (err as Error).message;
    }
    return 'read';
  };

  it('reads a regular file within the limit', async () => {
    expect(Buffer.from(await read(at('small.txt'), 1024)).toString()).toBe('hello');
  });

  it('refuses a file over the limit before reading it', async () => {
    expect(await failure(at('big.txt'), 4096)).toBe('larger than the 4 KB limit for one file');
  });

  it('refuses a link to /dev/zero without reading it (memory stays flat)', async () => {
    expect(await failure(at('zero.txt'))).toBe('not a regular file: a device or other special file');
  });

  it('refuses a folder, a symlink loop and a missing path, each with its reason', async () => {
    expect(await failure(at('folder'))).toBe('not a regular file: a folder');
    expect(await failure(at('loop-a.txt'))).toBe('a symbolic link loop');
    expect(await failure(at('missing.txt'))).toBe('not found');
  });

  it.skipIf(!fifo)('refuses a FIFO with no writer at once instead of hanging', async () => {
    expect(await failure(at('pipe.txt'))).toBe('not a regular file: a named pipe (FIFO)');
  });
});
