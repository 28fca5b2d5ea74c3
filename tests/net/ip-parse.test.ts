import { describe, expect, it } from 'vitest';
import { formatIPv6, parseIpLiteral, parseIPv4Loose } from '../../src/net/ip-parse.js';

/** Host spellings, with what Node's WHATWG URL parser makes of them (checked in the test, not assumed). */
const forms = [
  '2130706433',
  '017700000001',
  '0x7f000001',
  '0x7f.0.0.1',
  '0x7f.0.0.0x1',
  '0177.0.0.1',
  '127.1',
  '127.0.1',
  '0x7f.1',
  '127.0.0.1.',
  '0',
  '0x',
  '00',
  '4294967295',
  '10.0x10.1',
  '0300.0250.1.1',
  '8.8.8.8',
  // not IPv4 for URL: host names or invalid
  '0x1g',
  '1e3',
  '127.0.0.1..',
  'example.com',
  'a.1',
  '4294967296',
  '08',
  '1.2.3.4.5',
  '256.0.0.1',
];

function urlHost(form: string): string | null {
  try {
    return new URL(`http://${form}/`).hostname;
  } catch {
    return null;
  }
}

describe('IPv4 parsing matches WHATWG URL', () => {
  it.each(forms)('%s', (form) => {
    const host = urlHost(form);
    const ours = parseIpLiteral(form);
    if (host !== null && /^\d+\.\d+\.\d+\.\d+$/.test(host)) expect(ours?.text).toBe(host);
    else expect(ours).toBeNull();
  });

  it('reads the loose forms to the same number', () => {
    expect(parseIPv4Loose('2130706433')).toBe(0x7f000001);
    expect(parseIPv4Loose('0x7f.1')).toBe(0x7f000001);
    expect(parseIPv4Loose('0177.0.0.1')).toBe(0x7f000001);
    expect(parseIPv4Loose('127.1')).toBe(0x7f000001);
    expect(parseIPv4Loose('127.65536')).toBe(0x7f010000); // the last part fills the remaining three bytes
    expect(parseIPv4Loose('127.16777216')).toBeNull(); // ... but must fit in them
    expect(parseIPv4Loose('1.256.1')).toBeNull(); // earlier parts are single bytes
  });
});

describe('IPv6 parsing', () => {
  it.each([
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['::FFFF:7F00:1', '::ffff:7f00:1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::', '::'],
    ['64:ff9b::127.0.0.1', '64:ff9b::7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2606:4700:0:0:0:0:0:1111', '2606:4700::1111'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('%s -> %s', (text, canonical) => {
    expect(parseIpLiteral(text)).toMatchObject({ family: 6, text: canonical });
  });

  it('formats like the URL parser does', () => {
    for (const text of [
      '::ffff:127.0.0.1',
      '64:ff9b::10.0.0.1',
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
      '1:0:0:2:0:0:0:3',
    ]) {
      const ip = parseIpLiteral(text);
      expect(`[${ip?.text}]`).toBe(new URL(`http://[${text}]/`).hostname);
    }
    expect(formatIPv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
  });

  it.each(['[::1', '1::2::3', ':::1', '12345::1', 'g::1', '::ffff:1.2.3.256'])('rejects %s', (text) => {
    expect(parseIpLiteral(text)).toBeNull();
  });
});
