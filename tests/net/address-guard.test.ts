import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyIPv4, type BlockReason } from '../../src/net/address-guard.js';
import { formatIPv4 } from '../../src/net/ip-parse.js';

const refused: [address: string, reason: BlockReason, via?: string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link_local'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'special_purpose'],
  ['192.0.2.1', 'documentation'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['198.18.0.1', 'benchmark'],
  ['198.19.255.255', 'benchmark'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'link_local'],
  ['febf:ffff::1', 'link_local'],
  ['fe80::1%eth0', 'link_local'],
  ['fc00::1', 'unique_local'],
  ['fd00::1', 'unique_local'],
  ['fec0::1', 'site_local'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['100::1', 'reserved'],
  ['::ffff:127.0.0.1', 'loopback', 'ipv4_mapped'],
  ['[::ffff:127.0.0.1]', 'loopback', 'ipv4_mapped'],
  ['::ffff:7f00:1', 'loopback', 'ipv4_mapped'],
  ['[::ffff:7f00:1]', 'loopback', 'ipv4_mapped'],
  ['0:0:0:0:0:ffff:10.0.0.1', 'private', 'ipv4_mapped'],
  ['::ffff:169.254.169.254', 'link_local', 'ipv4_mapped'],
  ['::ffff:0:127.0.0.1', 'loopback', 'ipv4_translated'],
  ['::127.0.0.1', 'ipv4_compatible'],
  ['::8.8.8.8', 'ipv4_compatible'],
  ['64:ff9b::127.0.0.1', 'loopback', 'nat64'],
  ['64:ff9b::7f00:1', 'loopback', 'nat64'],
  ['64:ff9b::a9fe:a9fe', 'link_local', 'nat64'],
  ['64:ff9b:1::a00:1', 'reserved'],
  ['2002:7f00:1::1', 'loopback', '6to4'],
  ['2002:c0a8:101::1', 'private', '6to4'],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback', 'teredo'], // client 127.0.0.1, inverted
  ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'private', 'teredo'], // server 10.0.0.1
  // Odd IPv4 spellings, as WHATWG URL and inet_aton read them.
  ['2130706433', 'loopback'],
  ['017700000001', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0x7f.0.0.1', 'loopback'],
  ['0X7F.0.0.1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0177.0.0.01', 'loopback'],
  ['127.1', 'loopback'],
  ['127.0.1', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['127.0.0.1.', 'loopback'],
  ['10.1', 'private'],
  ['3232235777', 'private'], // 192.168.1.1
  ['0300.0250.1.1', 'private'], // 192.168.1.1
  ['0xa9.0xfe.0xa9.0xfe', 'link_local'],
  ['0', 'unspecified'],
  ['0x0', 'unspecified'],
  ['0x', 'unspecified'], // WHATWG reads a bare 0x as zero
];

describe('address guard: refused', () => {
  it.each(refused)('refuses %s (%s)', (address, reason, via) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.reason).toBe(reason);
    expect(verdict.via).toBe(via);
  });

  it.each(['evil.test', '1.2.3.4.5', '256.1.1.1', '08', '', '::ffff:1.2.3', 'fe80::1::2', '[::1'])(
    'refuses %j as not an IP address (fails closed)',
    (text) => {
      const verdict = classifyAddress(text);
      expect(verdict.allowed).toBe(false);
      if (!verdict.allowed) expect(verdict.reason).toBe('not_an_ip');
    },
  );
});

describe('address guard: allowed', () => {
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '2606:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    '9.255.255.255',
    '11.0.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.255.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '192.167.255.255',
    '192.169.0.1',
    '198.20.0.1',
    '223.255.255.255',
    '134744072', // 8.8.8.8 in decimal
  ])('allows %s', (address) => {
    expect(classifyAddress(address)).toMatchObject({ allowed: true });
  });

  it('gives the canonical address in the verdict', () => {
    expect(classifyAddress('[::FFFF:127.0.0.1]').address).toBe('::ffff:7f00:1');
    expect(classifyAddress('0x7f.1').address).toBe('127.0.0.1');
  });
});

describe('address guard agrees with node:net BlockList over the IPv4 space', () => {
  // The same ranges written independently as CIDR strings, checked by Node's own matcher.
  const list = new BlockList();
  for (const cidr of [
    '0.0.0.0/8',
    '10.0.0.0/8',
    '100.64.0.0/10',
    '127.0.0.0/8',
    '169.254.0.0/16',
    '172.16.0.0/12',
    '192.0.0.0/24',
    '192.0.2.0/24',
    '192.88.99.0/24',
    '192.168.0.0/16',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '224.0.0.0/4',
    '240.0.0.0/4',
  ]) {
    const [base, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(base, Number(prefix), 'ipv4');
  }

  it('on range edges and 20,000 random addresses', () => {
    const samples: number[] = [];
    for (const edge of [0x0a000000, 0x64400000, 0xac100000, 0xc0a80000, 0xc6120000, 0xe0000000, 0xf0000000]) {
      samples.push(edge - 1, edge, edge + 1);
    }
    let seed = 12345;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      samples.push((seed * 2 + (i & 1)) % 2 ** 32);
    }
    for (const value of samples) {
      const text = formatIPv4(value);
      expect([text, classifyIPv4(value) !== null]).toEqual([text, list.check(text, 'ipv4')]);
    }
  });
});
