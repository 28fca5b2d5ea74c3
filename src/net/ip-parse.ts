import { isIP } from 'node:net';

/** An IP address in a canonical, comparable form. */
export type ParsedIp =
  { family: 4; value: number; text: string } | { family: 6; hextets: number[]; text: string };

/**
 * Parses one part of a loose IPv4 address the way WHATWG URL and inet_aton do:
 * `0x`/`0X` prefix = hex, a leading `0` = octal, otherwise decimal. Returns null when not a number.
 */
function parseIPv4Part(part: string): number | null {
  if (part === '') return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
    if (digits === '') return 0; // "0x" alone is zero for WHATWG URL
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1);
    radix = 8;
  }
  const pattern = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return null;
  const n = parseInt(digits, radix);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Parses an IPv4 address in any form WHATWG URL and inet_aton accept: dotted quad, decimal (`2130706433`),
 * octal (`0177.0.0.1`), hex (`0x7f.0.0.1`, `0x7f000001`), short forms (`127.1`, `10.1.1`) and one
 * trailing dot. Returns the address as an unsigned 32-bit number, or null when the text is not IPv4.
 */
export function parseIPv4Loose(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIPv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return value;
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Expands a valid IPv6 text (as accepted by `net.isIP`) into eight 16-bit numbers. */
function expandIPv6(text: string): number[] | null {
  let head = text;
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (dotted) {
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(dotted[1]!)) return null;
    const v4 = parseIPv4Loose(dotted[1]!);
    if (v4 === null) return null;
    head = `${head.slice(0, dotted.index + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const toNums = (s: string): number[] => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = toNums(halves[0]!);
  const right = halves.length === 2 ? toNums(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 0 : missing !== 0) return null;
  const hextets = [...left, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right];
  return hextets.length === 8 && hextets.every((h) => Number.isInteger(h) && h >= 0 && h <= 0xffff)
    ? hextets
    : null;
}

/** Formats eight 16-bit numbers as a lower-case IPv6 text (zeros compressed, as RFC 5952). */
export function formatIPv6(hextets: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = hextets.map((h) => h.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Parses a host that may be an IP address in any form a URL or inet_aton accepts: loose IPv4 forms, IPv6 with or
 * without brackets, with or without a zone (`fe80::1%eth0`, dropped). Returns null for a host name.
 */
export function parseIpLiteral(host: string): ParsedIp | null {
  let text = host.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0 && text.includes(':')) text = text.slice(0, zone);
  if (isIP(text) === 6) {
    const hextets = expandIPv6(text);
    return hextets ? { family: 6, hextets, text: formatIPv6(hextets) } : null;
  }
  if (text.includes(':')) return null;
  const value = parseIPv4Loose(text);
  return value === null ? null : { family: 4, value, text: formatIPv4(value) };
}
