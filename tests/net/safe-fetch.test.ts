import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_CONTENT_TYPES, PAGE_CONTENT_TYPES } from '../../src/net/content-type.js';
import { decodeText } from '../../src/net/decode-text.js';
import { FetchError, type FetchErrorCode } from '../../src/net/fetch-error.js';
import { systemLookup, type HostLookup } from '../../src/net/resolve-host.js';
import { safeFetch, type SafeFetchOptions } from '../../src/net/safe-fetch.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local</title>${'<item><title>Grüße aus Köln</title></item>'.repeat(400)}</channel></rss>`;
const ISO_FEED = readFileSync(new URL('../fixtures/net/encoding-iso-8859-1.rss', import.meta.url));
const RSS = 'application/rss+xml';

const encoders: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  deflate: (b) => zlib.deflateSync(b),
  'deflate-raw': (b) => zlib.deflateRawSync(b),
  br: (b) => zlib.brotliCompressSync(b),
  identity: (b) => b,
};

let server: LocalServer;
let bomb: Buffer;
/** `feeds.test` resolves to 127.0.0.1; every other name goes to the system resolver (`localhost` via /etc/hosts). */
const feedsTest: HostLookup = async (host) =>
  host === 'feeds.test' ? [{ address: '127.0.0.1', family: 4 }] : systemLookup(host);

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body?: Buffer | string,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

beforeAll(async () => {
  // 1 GiB of zeros through gzip, streamed: about 1 MB compressed, never 1 GiB in memory.
  const zero = Buffer.alloc(1 << 20);
  const gz = zlib.createGzip({ level: 9, strategy: zlib.constants.Z_RLE });
  const parts: Buffer[] = [];
  gz.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => gz.on('end', resolve));
  for (let i = 0; i < 1024; i++) if (!gz.write(zero)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  bomb = Buffer.concat(parts);

  server = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const [, route = '', arg = ''] = url.pathname.split('/');
    switch (route) {
      case 'feed': {
        const enc = q.get('enc') ?? 'identity';
        const body = (encoders[enc] as (b: Buffer) => Buffer)(Buffer.from(FEED));
        const coding = enc === 'deflate-raw' ? 'deflate' : enc;
        send(res, 200, { 'content-type': `${RSS}; charset=utf-8`, 'content-encoding': coding }, body);
        return;
      }
      case 'iso':
        send(res, 200, { 'content-type': RSS, 'content-encoding': 'gzip' }, zlib.gzipSync(ISO_FEED));
        return;
      case 'etag':
        if (
          req.headers['if-none-match'] === '"v1"' ||
          req.headers['if-modified-since'] === 'Tue, 01 Apr 2025 10:00:00 GMT'
        ) {
          send(res, 304, { etag: '"v1"' });
          return;
        }
        send(
          res,
          200,
          { 'content-type': RSS, etag: '"v1"', 'last-modified': 'Tue, 01 Apr 2025 10:00:00 GMT' },
          FEED,
        );
        return;
      case 'r': {
        const n = Number(arg);
        if (n === 0) {
          send(res, 200, { 'content-type': RSS }, FEED);
          return;
        }
        const location = n % 2 ? `./${n - 1}` : `http://127.0.0.1:${server.port}/r/${n - 1}`; // relative and absolute
        send(res, Number(q.get('status') ?? 302), { location: location + url.search });
        return;
      }
      case 'to':
        send(res, 302, { location: q.get('l') ?? '/' });
        return;
      case 'slow':
        res.writeHead(200, { 'content-type': RSS });
        res.write('<rss>'); // ... and nothing more
        return;
      case 'big': {
        const total = Number(q.get('bytes'));
        const head: Record<string, string | number> = { 'content-type': RSS };
        if (q.has('declared')) head['content-length'] = total;
        res.writeHead(200, head);
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent < total) {
            const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
            sent += piece.length;
            if (!res.write(piece)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case 'bomb':
        send(
          res,
          200,
          { 'content-type': RSS, 'content-encoding': 'gzip', 'content-length': bomb.length },
          bomb,
        );
        return;
      case 'corrupt':
        send(
          res,
          200,
          { 'content-type': RSS, 'content-encoding': 'gzip' },
          Buffer.from('definitely not gzip'),
        );
        return;
      case 'page.html':
        send(
          res,
          200,
          { 'content-type': 'text/html; charset=utf-8' },
          '<!doctype html><title>Not a feed</title>',
        );
        return;
      case 'untyped':
        send(res, 200, {}, FEED);
        return;
      case 'echo':
        send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(req.headers));
        return;
      default:
        send(res, 404, { 'content-type': 'text/plain' }, 'not found');
        return;
    }
  });
}, 30_000);

// beforeAll may have failed before starting the server.
afterAll(() => (server as LocalServer | undefined)?.close());

const local = (extra: SafeFetchOptions = {}): SafeFetchOptions => ({
  allowHosts: ['127.0.0.1'],
  accept: FEED_CONTENT_TYPES,
  ...extra,
});
const at = (path: string): string => `${server.origin}${path}`;

async function failure(url: string, options: SafeFetchOptions): Promise<FetchError> {
  const err = await safeFetch(url, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('safeFetch against a local server (through the allow-list)', () => {
  it('is refused without the allow-list', async () => {
    expect((await failure(at('/feed'), { accept: FEED_CONTENT_TYPES })).code).toBe('blocked_address');
  });

  it.each(Object.keys(encoders))('fetches a feed sent with %s', async (enc) => {
    const result = await safeFetch(at(`/feed?enc=${enc}`), local());
    expect(result).toMatchObject({
      status: 200,
      notModified: false,
      redirects: 0,
      contentType: `${RSS}; charset=utf-8`,
    });
    expect(result.body.toString('utf8')).toBe(FEED);
  });

  it('sends a User-Agent naming newsdesk, Accept-Encoding and the accepted types', async () => {
    const result = await safeFetch(at('/echo'), local({ accept: ['application/json'] }));
    const headers = JSON.parse(result.body.toString()) as Record<string, string>;
    expect(headers['user-agent']).toMatch(/^newsdesk\//);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers.accept).toContain('application/json');
  });

  it('answers 304 to If-None-Match and If-Modified-Since with notModified and an empty body', async () => {
    const first = await safeFetch(at('/etag'), local());
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' });
    const byEtag = await safeFetch(at('/etag'), local({ etag: first.etag }));
    expect(byEtag).toMatchObject({ status: 304, notModified: true });
    expect(byEtag.body.length).toBe(0);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    const byDate = await safeFetch(at('/etag'), local({ lastModified: first.lastModified }));
    expect(byDate.notModified).toBe(true);
  });

  it('follows relative and absolute redirects up to the limit', async () => {
    const three = await safeFetch(at('/r/3'), local());
    expect(three).toMatchObject({ status: 200, redirects: 3, url: at('/r/0') });
    expect((await safeFetch(at('/r/5?status=308'), local())).redirects).toBe(5);
    expect((await safeFetch(at('/r/2?status=303'), local())).redirects).toBe(2);
  });

  it('stops at the sixth redirect', async () => {
    expect((await failure(at('/r/6'), local())).code).toBe('too_many_redirects');
    expect((await failure(at('/r/1?status=307'), local({ maxRedirects: 0 }))).code).toBe(
      'too_many_redirects',
    );
  });

  it.each<[string, FetchErrorCode]>([
    ['http://10.0.0.1/feed', 'blocked_address'],
    ['http://[::ffff:127.0.0.1]:PORT/feed', 'blocked_address'],
    ['http://localhost:PORT/feed', 'blocked_address'], // only the IP 127.0.0.1 is allowed, not names resolving to it
    ['http://feeds.test:PORT/feed', 'blocked_address'],
    ['ftp://127.0.0.1/feed', 'blocked_scheme'],
    ['http://user:pw@127.0.0.1:PORT/feed', 'credentials_in_url'],
  ])('re-checks every hop: a redirect to %s -> %s', async (target, code) => {
    const location = encodeURIComponent(target.replace('PORT', String(server.port)));
    const err = await failure(at(`/to?l=${location}`), local({ lookup: feedsTest }));
    expect(err.code).toBe(code);
  });

  it('connects to the checked address but keeps the URL host for Host', async () => {
    const result = await safeFetch(
      `http://feeds.test:${server.port}/echo`,
      local({ allowHosts: ['feeds.test'], lookup: feedsTest, accept: undefined }),
    );
    expect((JSON.parse(result.body.toString()) as { host: string }).host).toBe(`feeds.test:${server.port}`);
  });

  it('times out a body that never ends', async () => {
    const started = Date.now();
    const err = await failure(at('/slow'), local({ timeoutMs: 300 }));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a connection whose TLS handshake never happens', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const err = await failure(`https://127.0.0.1:${port}/`, local({ connectTimeoutMs: 200 }));
      expect(err.code).toBe('timeout');
      expect(err.detail).toMatch(/no connection within 200 ms/);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      silent.close();
    }
  });

  it('refuses bodies over the cap, streamed or declared', async () => {
    expect((await failure(at('/big?bytes=6000000'), local())).code).toBe('too_large');
    expect((await failure(at('/big?bytes=6000000&declared'), local())).code).toBe('too_large');
    expect((await failure(at('/big?bytes=1001'), local({ maxBytes: 1000 }))).code).toBe('too_large');
    expect((await safeFetch(at('/big?bytes=1000'), local({ maxBytes: 1000 }))).body.length).toBe(1000);
  });

  it('stops a gzip bomb at the cap without inflating it in memory', async () => {
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024); // the wire size is under the cap: only the decoded count can stop it
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    try {
      const err = await failure(at('/bomb'), local());
      expect(err.code).toBe('too_large');
      expect(err.message).toContain('5 MB');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024); // the bomb is 1 GiB inflated
  });

  it('refuses an HTML page posing as a feed, and untyped content', async () => {
    const err = await failure(at('/page.html'), local());
    expect(err.code).toBe('bad_content_type');
    expect(err.message).toContain('text/html');
    expect((await failure(at('/untyped'), local())).code).toBe('bad_content_type');
    expect((await safeFetch(at('/page.html'), local({ accept: PAGE_CONTENT_TYPES }))).status).toBe(200);
  });

  it('reports HTTP errors with their status, corrupt compression and refused connections', async () => {
    const notFound = await failure(at('/missing'), local());
    expect(notFound).toMatchObject({ code: 'http_error', status: 404 });
    expect(notFound.message).toContain('404');
    expect((await failure(at('/corrupt'), local())).code).toBe('http_error');
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect((await failure(`http://127.0.0.1:${port}/`, local())).code).toBe('connection_failed');
  });

  it('brings an ISO-8859-1 feed through with its accents', async () => {
    const result = await safeFetch(at('/iso'), local());
    const text = decodeText(result.body, result.contentType, 'xml');
    expect(text).toContain('Jornal de Notícias - Últimas Notícias');
  });
});
