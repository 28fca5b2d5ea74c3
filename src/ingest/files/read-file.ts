import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file was not read: shown per file in import reports. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
}

/** What a path is, in the words an import report uses. */
function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'a device or other special file';
}

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever; the fstat
// below then refuses it before a single byte is read.
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

function tooLarge(maxBytes: number): FileReadError {
  const limit =
    maxBytes >= 1024 * 1024
      ? `${String(Math.round((maxBytes / 1024 / 1024) * 10) / 10)} MB`
      : `${String(Math.ceil(maxBytes / 1024))} KB`;
  return new FileReadError(`larger than the ${limit} limit for one file`);
}

function openError(err: unknown): FileReadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileReadError('not found');
  if (code === 'ELOOP') return new FileReadError('a symbolic link loop');
  if (code === 'EACCES' || code === 'EPERM') return new FileReadError('not readable (permission denied)');
  return new FileReadError(`unreadable: ${code ?? (err as Error).message}`);
}

/**
 * Reads a regular file of at most `maxBytes`, refusing anything else before reading: folders, FIFOs,
 * sockets and devices (`/dev/zero` would never end) are reported, and the size is checked both from
 * the file's metadata and while reading (a file that grows, or a special file that lies about its size,
 * stops at the limit). Memory stays bounded by `maxBytes`.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, FLAGS);
  } catch (err) {
    throw openError(err);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new FileReadError(`not a regular file: ${kindOf(stats)}`);
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
  } finally {
    await handle.close();
  }
}

/** {@link readRegularFile}, synchronously (for callers that must not yield, e.g. inside a transaction). */
export function readRegularFileSync(path: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (err) {
    throw openError(err);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileReadError(`not a regular file: ${kindOf(stats)}`);
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    for (;;) {
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
  } finally {
    closeSync(fd);
  }
}
