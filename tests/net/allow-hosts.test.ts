import { describe, expect, it } from 'vitest';
import { isHostAllowed, parseAllowHosts } from '../../src/net/allow-hosts.js';

describe('INGEST_ALLOW_HOSTS', () => {
  it('parses names and addresses, normalised, and reports what it cannot use', () => {
    const parsed = parseAllowHosts(
      ' 127.0.0.1, Feeds.Example.COM. ,[::1] 0x7f.0.0.2,http://x.test:80, *.evil.test,,127.0.0.1:8080',
    );
    expect([...parsed.hosts].sort()).toEqual(['127.0.0.1', '127.0.0.2', '::1', 'feeds.example.com']);
    expect(parsed.invalid).toEqual(['http://x.test:80', '*.evil.test', '127.0.0.1:8080']);
  });

  it('is empty when unset', () => {
    expect(parseAllowHosts(undefined).hosts.size).toBe(0);
    expect(parseAllowHosts('  ').hosts.size).toBe(0);
  });

  it('matches the URL host exactly, not what it resolves to', () => {
    const { hosts } = parseAllowHosts('127.0.0.1,feeds.example.com,::1');
    expect(isHostAllowed('127.0.0.1', hosts)).toBe(true);
    expect(isHostAllowed('localhost', hosts)).toBe(false);
    expect(isHostAllowed('FEEDS.example.com.', hosts)).toBe(true);
    expect(isHostAllowed('sub.feeds.example.com', hosts)).toBe(false);
    expect(isHostAllowed('example.com', hosts)).toBe(false);
    expect(isHostAllowed('[::1]', hosts)).toBe(true);
    expect(isHostAllowed('127.0.0.2', hosts)).toBe(false);
    expect(isHostAllowed('127.0.0.1', undefined)).toBe(false);
    expect(isHostAllowed('127.0.0.1', ['0x7f.0.0.1'])).toBe(true); // two spellings of one address
  });
});
