import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/net/decode-text.js';

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const cat = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? ascii(p) : Buffer.from(p))));

// Legacy encodings written byte by byte (TextEncoder only writes UTF-8).
const PRIVET_1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]; // "Привет" in windows-1251
const PRIVET_KOI8R = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]; // "Привет" in koi8-r
const NIHON_SJIS = [0x93, 0xfa, 0x96, 0x7b]; // "日本" in shift_jis
const ZHONGWEN_GBK = [0xd6, 0xd0, 0xce, 0xc4]; // "中文" in gbk

describe('decodeText', () => {
  it('honours the HTTP charset (ISO-8859-1)', () => {
    const body = Buffer.from('Últimas Notícias, façade', 'latin1');
    expect(body.length).toBe(24); // one byte per character: really ISO-8859-1
    expect(decodeText(body, 'text/plain; charset=ISO-8859-1', 'text')).toBe('Últimas Notícias, façade');
  });

  it('reads the XML prolog when the header has no charset (windows-1251)', () => {
    const body = cat('<?xml version="1.0" encoding="windows-1251"?><title>', PRIVET_1251, '</title>');
    expect(decodeText(body, 'application/rss+xml', 'xml')).toBe(
      '<?xml version="1.0" encoding="windows-1251"?><title>Привет</title>',
    );
  });

  it('reads <meta http-equiv content="...charset=..."> in HTML (koi8-r)', () => {
    const body = cat(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><p>',
      PRIVET_KOI8R,
    );
    expect(decodeText(body, 'text/html', 'html')).toContain('<p>Привет');
  });

  it('reads <meta charset> in HTML (shift_jis, gbk)', () => {
    expect(decodeText(cat('<meta charset="shift_jis"><p>', NIHON_SJIS), null, 'html')).toContain('日本');
    expect(decodeText(cat("<meta charset='GBK'><p>", ZHONGWEN_GBK), 'text/html', 'html')).toContain('中文');
  });

  it('lets the HTTP charset win over the document declaration', () => {
    const body = cat('<?xml version="1.0" encoding="iso-8859-1"?><t>', PRIVET_1251, '</t>');
    expect(decodeText(body, 'text/xml; charset="windows-1251"', 'xml')).toContain('<t>Привет</t>');
  });

  it('lets a byte order mark win over everything, and drops it', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>Ü</t>'),
    ]);
    expect(decodeText(body, 'text/xml; charset=iso-8859-1', 'xml')).toBe(
      '<?xml version="1.0" encoding="iso-8859-1"?><t>Ü</t>',
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>Ü</t>', 'utf16le')]);
    expect(decodeText(utf16, null, 'xml')).toBe('<t>Ü</t>');
  });

  it('falls back to UTF-8 without throwing on unknown labels', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="x-no-such-charset"?><t>Grüße</t>');
    expect(decodeText(body, 'text/xml; charset=bogus', 'xml')).toContain('<t>Grüße</t>');
  });

  it('defaults to UTF-8, and reads undeclared bytes that are not UTF-8 as windows-1252', () => {
    expect(decodeText(Buffer.from('<p>naïve ✓</p>'), 'text/html', 'html')).toBe('<p>naïve ✓</p>');
    expect(decodeText(Buffer.from('<rss><title>Notícias</title></rss>', 'latin1'), null, 'xml')).toBe(
      '<rss><title>Notícias</title></rss>',
    );
  });

  it('does not read meta tags beyond the first 2 KB or inside comments', () => {
    const late = cat('<p>', ' '.repeat(2100), '<meta charset="windows-1251">', PRIVET_1251);
    expect(decodeText(late, 'text/html', 'html')).not.toContain('Привет');
    const commented = cat('<!-- <meta charset="koi8-r"> --><meta charset="windows-1251"><p>', PRIVET_1251);
    expect(decodeText(commented, 'text/html', 'html')).toContain('Привет');
  });

  it('treats a UTF-16 label readable as ASCII as UTF-8', () => {
    expect(decodeText(Buffer.from('<meta charset="utf-16"><p>é</p>'), null, 'html')).toContain('<p>é</p>');
  });

  it('keeps the accents of a real ISO-8859-1 feed (rss-parser encoding.rss)', () => {
    const body = readFileSync(new URL('../fixtures/net/encoding-iso-8859-1.rss', import.meta.url));
    expect(body.includes(Buffer.from('Not\xedcias', 'latin1'))).toBe(true); // the file is really Latin-1
    const text = decodeText(body, 'application/rss+xml', 'xml');
    expect(text).toContain('<title>Jornal de Notícias - Últimas Notícias</title>');
    expect(text).not.toContain('\ufffd');
  });
});
