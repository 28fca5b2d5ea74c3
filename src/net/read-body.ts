import type { IncomingMessage } from 'node:http';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.js';

/** Content codings the fetcher asks for and can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Options for `readBody`. */
export interface ReadBodyOptions {
  /** Most bytes kept, counted after decompression; the wire bytes are held to the same cap. */
  maxBytes: number;
  signal?: AbortSignal;
}

function tooLarge(maxBytes: number, detail: string): FetchError {
  const mb =
    maxBytes >= 1 << 20
      ? `${Math.round((maxBytes / (1 << 20)) * 10) / 10} MB`
      : `${Math.ceil(maxBytes / 1024)} KB`;
  return new FetchError('too_large', { userHint: `(limit ${mb})`, detail });
}

/** Counts the bytes passing through and fails as soon as they pass the cap. */
function byteCap(maxBytes: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(tooLarge(maxBytes, `${what} passed ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
}

/** Waits for the first chunk, puts it back, and returns it (null for an empty body). */
function peek(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('readable', onReadable).off('end', onEnd).off('error', onError).off('close', onEnd);
    };
    const onReadable = (): void => {
      const chunk = stream.read() as Buffer | null;
      if (chunk === null) return;
      cleanup();
      stream.unshift(chunk);
      resolve(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    stream.on('readable', onReadable).on('end', onEnd).on('error', onError).on('close', onEnd);
  });
}

/** True when the bytes start with a zlib header (RFC 1950); `deflate` bodies are sometimes sent raw instead. */
function looksLikeZlib(head: Buffer): boolean {
  const [b0 = 0, b1] = head;
  if ((b0 & 0x0f) !== 8 || b0 >> 4 > 7) return false;
  return b1 === undefined || ((b0 << 8) | b1) % 31 === 0;
}

async function decoderFor(coding: string, res: Readable): Promise<Transform | null> {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'deflate': {
      const head = await peek(res);
      if (head === null) return null;
      return looksLikeZlib(head) ? zlib.createInflate() : zlib.createInflateRaw();
    }
    default:
      throw new FetchError('http_error', {
        userHint: '(it used a compression the bot cannot read)',
        detail: `unsupported content-encoding ${coding}`,
      });
  }
}

/**
 * Reads a response body, decompressing gzip, deflate (zlib or raw) and br, and keeping at most `maxBytes`
 * decompressed bytes: the stream is torn down as soon as the count passes the cap, so a compression bomb never
 * allocates more than about the cap. Fails with `too_large` at once when Content-Length already says so.
 */
export async function readBody(res: IncomingMessage, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes } = options;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(maxBytes, `content-length ${declared}`);
  }
  const codings = (res.headers['content-encoding'] ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  if (codings.length > 1) {
    res.destroy();
    throw new FetchError('http_error', {
      userHint: '(it used a compression the bot cannot read)',
      detail: `content-encoding ${codings.join(', ')}`,
    });
  }
  const decoder = codings[0] ? await decoderFor(codings[0], res) : null;

  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > maxBytes) {
        done(tooLarge(maxBytes, `body passed ${maxBytes} bytes after decoding`));
        return;
      }
      chunks.push(chunk);
      done();
    },
  });
  const stages: NodeJS.ReadWriteStream[] = decoder ? [byteCap(maxBytes, 'compressed body'), decoder] : [];
  try {
    await pipeline([res, ...stages, sink], options.signal ? { signal: options.signal } : {});
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (decoder && (err as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new FetchError('http_error', {
        userHint: '(the content could not be decompressed)',
        detail: String(err),
        cause: err,
      });
    }
    throw err;
  }
  return Buffer.concat(chunks, total);
}
