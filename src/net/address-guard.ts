import { parseIPv4Loose, parseIpLiteral } from './ip-parse.js';

/** Why an address is refused. */
export type BlockReason =
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'cgnat'
  | 'unique_local'
  | 'site_local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'benchmark'
  | 'special_purpose'
  | 'ipv4_compatible'
  | 'not_an_ip';

/** How an IPv4 address was found inside an IPv6 one. */
export type Embedding = 'ipv4_mapped' | 'ipv4_translated' | 'nat64' | '6to4' | 'teredo';

/** The guard's verdict on one address; `address` is the canonical text (`::ffff:7f00:1`, `127.0.0.1`). */
export type AddressVerdict =
  | { allowed: true; address: string }
  | { allowed: false; address: string; reason: BlockReason; via?: Embedding };

type V4Range = readonly [base: string, prefix: number, reason: BlockReason];

/** Refused IPv4 ranges; the first match wins, so narrower ranges come before the ranges that contain them. */
const V4_RANGES: readonly V4Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'special_purpose'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'], // former 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmark'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V4_TABLE = V4_RANGES.map(([base, prefix, reason]) => {
  const size = 2 ** (32 - prefix);
  const start = parseIPv4Loose(base)!;
  return { start, end: start + size - 1, reason };
});

/** Classifies an IPv4 address given as an unsigned 32-bit number. */
export function classifyIPv4(value: number): BlockReason | null {
  for (const range of V4_TABLE) if (value >= range.start && value <= range.end) return range.reason;
  return null;
}

const v4From = (hi: number, lo: number): number => hi * 65536 + lo;

/** Finds an IPv4 address embedded in an IPv6 one by a translation or tunnelling scheme. */
function embeddedIPv4(h: readonly number[]): { via: Embedding; values: number[] } | null {
  const [h0, h1, h2, h3, h4, h5, h6, h7] = h as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroTo = (n: number): boolean => h.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && h5 === 0xffff) return { via: 'ipv4_mapped', values: [v4From(h6, h7)] };
  if (zeroTo(4) && h4 === 0xffff && h5 === 0) return { via: 'ipv4_translated', values: [v4From(h6, h7)] };
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) {
    return { via: 'nat64', values: [v4From(h6, h7)] };
  }
  if (h0 === 0x2002) return { via: '6to4', values: [v4From(h1, h2)] };
  if (h0 === 0x2001 && h1 === 0) {
    // Teredo: server IPv4 in bits 32-63, client IPv4 obfuscated (inverted) in the last 32 bits.
    return { via: 'teredo', values: [v4From(h2, h3), v4From(h6 ^ 0xffff, h7 ^ 0xffff)] };
  }
  return null;
}

/** Classifies an IPv6 address given as eight 16-bit numbers. */
export function classifyIPv6(h: readonly number[]): { reason: BlockReason; via?: Embedding } | null {
  const h0 = h[0]!;
  const h1 = h[1]!;
  const allZero = h.every((x) => x === 0);
  if (allZero) return { reason: 'unspecified' };
  if (h.slice(0, 7).every((x) => x === 0) && h[7] === 1) return { reason: 'loopback' };
  const embedded = embeddedIPv4(h);
  if (embedded) {
    for (const value of embedded.values) {
      const reason = classifyIPv4(value);
      if (reason) return { reason, via: embedded.via };
    }
    return null;
  }
  if (h.slice(0, 6).every((x) => x === 0)) return { reason: 'ipv4_compatible' }; // ::a.b.c.d, deprecated
  if (h0 === 0x64 && h1 === 0xff9b) return { reason: 'reserved' }; // 64:ff9b:1::/48 local-use NAT64 and the rest
  if ((h0 & 0xfe00) === 0xfc00) return { reason: 'unique_local' };
  if ((h0 & 0xffc0) === 0xfe80) return { reason: 'link_local' };
  if ((h0 & 0xffc0) === 0xfec0) return { reason: 'site_local' };
  if ((h0 & 0xff00) === 0xff00) return { reason: 'multicast' };
  if (h0 === 0x2001 && h1 === 0x0db8) return { reason: 'documentation' };
  if (h0 === 0x3fff && (h1 & 0xf000) === 0) return { reason: 'documentation' }; // 3fff::/20
  if (h0 === 0x2001 && h1 === 0x0002 && h[2] === 0) return { reason: 'benchmark' };
  if ((h0 & 0xe000) !== 0x2000) return { reason: 'reserved' }; // outside global unicast 2000::/3
  return null;
}

/**
 * Decides whether the bot may connect to an address. Accepts any IP text a URL or the resolver could produce
 * (loose IPv4 forms such as `2130706433` or `0x7f.1`, bracketed IPv6, zones); anything else is refused as
 * `not_an_ip`. IPv4 embedded in IPv6 (mapped, translated, NAT64 64:ff9b::/96, 6to4, Teredo) is checked as IPv4.
 */
export function classifyAddress(address: string): AddressVerdict {
  const ip = parseIpLiteral(address);
  if (!ip) return { allowed: false, address, reason: 'not_an_ip' };
  if (ip.family === 4) {
    const reason = classifyIPv4(ip.value);
    return reason ? { allowed: false, address: ip.text, reason } : { allowed: true, address: ip.text };
  }
  const verdict = classifyIPv6(ip.hextets);
  return verdict ? { allowed: false, address: ip.text, ...verdict } : { allowed: true, address: ip.text };
}
