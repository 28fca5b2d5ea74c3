import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
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

/** Refuses what is not a regular file within the limit, then collects its bytes (both readers use it). */
class BoundedBytes {
  /** Where the next read goes. */
  readonly chunk: Buffer;
  readonly #chunks: Buffer[] = [];
  readonly #maxBytes: number;
  #total = 0;

  constructor(stats: Stats, maxBytes: number) {
    if (!stats.isFile()) throw new FileReadError(`not a regular file: ${kindOf(stats)}`);
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    this.#maxBytes = maxBytes;
    this.chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
  }

  /** Keeps `bytesRead` bytes of `chunk`; at the end of the file (0) returns the whole content. */
  take(bytesRead: number): Uint8Array | null {
    if (bytesRead === 0) return Buffer.concat(this.#chunks, this.#total);
    this.#total += bytesRead;
    if (this.#total > this.#maxBytes) throw tooLarge(this.#maxBytes);
    this.#chunks.push(Buffer.from(this.chunk.subarray(0, bytesRead)));
    return null;
  }
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
    const bytes = new BoundedBytes(await handle.stat(), maxBytes);
    for (;;) {
      const { bytesRead } = await handle.read(bytes.chunk, 0, bytes.chunk.length, null);
      const content = bytes.take(bytesRead);
      if (content) return content;
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
    const bytes = new BoundedBytes(fstatSync(fd), maxBytes);
    for (;;) {
      const content = bytes.take(readSync(fd, bytes.chunk, 0, bytes.chunk.length, null));
      if (content) return content;
    }
  } finally {
    closeSync(fd);
  }
}
