import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import { FetchError, type FetchErrorCode } from '../../src/net/fetch-error.js';
import type { HostLookup } from '../../src/net/resolve-host.js';
import { safeFetch } from '../../src/net/safe-fetch.js';

/** A resolver from a table; records every name asked for. Unknown names fail like NXDOMAIN. */
function fakeLookup(table: Record<string, string[]>): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(lookup, { calls });
}

// Short limits: should the guard ever let one of these through, the test fails fast instead of hanging.
const quick = { connectTimeoutMs: 300, timeoutMs: 1_000 };

async function failure(url: string, options: Parameters<typeof safeFetch>[1] = {}): Promise<FetchError> {
  const err = await safeFetch(url, { ...quick, ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('safeFetch refuses before connecting', () => {
  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://017700000001/',
    'http://0x7f000001/',
    'http://0x7f.0.0.1/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0x7f.1:8080/admin',
    'http://127.0.0.1./',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[::]/',
    'http://0/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.0.1/',
    'https://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://[ff02::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://240.0.0.1/',
    'http://192.0.2.1/',
    'http://198.18.0.1/',
    'http://[2002:7f00:1::1]/',
    'http://%31%32%37.0.0.1/', // percent-encoded digits
    'http://１２７.0.0.1/', // full-width digits
  ])('%s -> blocked_address, without DNS', async (url) => {
    const lookup = fakeLookup({});
    const err = await failure(url, { lookup });
    expect(err.code).toBe('blocked_address');
    expect(lookup.calls).toEqual([]);
  });

  it('refuses a host name resolving to a private AAAA address', async () => {
    const err = await failure('https://evil.test/feed', { lookup: fakeLookup({ 'evil.test': ['fd00::1'] }) });
    expect(err.code).toBe('blocked_address');
    expect(err.detail).toContain('fd00::1');
  });

  it.each([
    [['93.184.216.34', '10.0.0.1']],
    [['2606:4700::1111', '::1']],
    [['8.8.8.8', '::ffff:192.168.1.1']],
  ])('refuses a host name when any of its addresses is blocked: %j', async (addresses) => {
    const err = await failure('http://evil.test/', { lookup: fakeLookup({ 'evil.test': addresses }) });
    expect(err.code).toBe('blocked_address');
  });

  it('keeps internals out of the message shown to members', async () => {
    const err = await failure('http://evil.test/', { lookup: fakeLookup({ 'evil.test': ['10.1.2.3'] }) });
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.message).not.toMatch(/10\.1\.2\.3|evil\.test|\(private\)/);
    expect(err.detail).toBe('evil.test -> 10.1.2.3 (private)');
  });

  it.each<[string, FetchErrorCode]>([
    ['ftp://example.com/feed.xml', 'blocked_scheme'],
    ['file:///etc/passwd', 'blocked_scheme'],
    ['javascript:alert(1)', 'blocked_scheme'],
    ['data:text/html,<p>hi</p>', 'blocked_scheme'],
    ['gopher://example.com/', 'blocked_scheme'],
    ['ws://example.com/', 'blocked_scheme'],
    ['http://user:secret@example.com/', 'credentials_in_url'],
    ['http://user@example.com/', 'credentials_in_url'],
    ['https://:secret@example.com/', 'credentials_in_url'],
    ['not a url', 'invalid_url'],
    ['http://', 'invalid_url'],
    ['http://exa mple.com/', 'invalid_url'],
  ])('%s -> %s', async (url, code) => {
    const lookup = fakeLookup({ 'example.com': ['93.184.216.34'] });
    const err = await failure(url, { lookup });
    expect(err.code).toBe(code);
    expect(err.message).not.toContain('secret');
    expect(lookup.calls).toEqual([]);
  });

  it('reports a name that does not resolve, or resolves to nothing', async () => {
    expect((await failure('http://nowhere.test/', { lookup: fakeLookup({}) })).code).toBe('dns_failed');
    expect((await failure('http://empty.test/', { lookup: fakeLookup({ 'empty.test': [] }) })).code).toBe(
      'dns_failed',
    );
  });

  it('times out a resolver that never answers', async () => {
    const started = Date.now();
    const err = await failure('http://slow-dns.test/', {
      lookup: () => new Promise(() => {}),
      timeoutMs: 200,
    });
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await failure('http://slow-dns.test/', {
      lookup: () => new Promise(() => {}),
      signal: controller.signal,
    });
    expect(err.code).toBe('aborted');
  });
});
