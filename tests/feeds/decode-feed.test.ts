import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../src/feeds/decode-feed.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { rssParserInput } from './fixtures.js';

/** windows-1251 bytes for ASCII and Russian text (А..я are 0xC0..0xFF, Ё 0xA8, ё 0xB8). */
function windows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) return cp;
      if (cp >= 0x410 && cp <= 0x44f) return cp - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no windows-1251 byte for ${ch}`);
    }),
  );
}

const RUSSIAN_FEED =
  '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title>' +
  '<item><title>Ёлка в Москве: всё готово</title><link>https://ru.example/1</link><description>Привет, мир</description></item></channel></rss>';

describe('decodeFeedBytes', () => {
  it('reads a windows-1251 feed declared in the XML prolog', () => {
    const bytes = windows1251(RUSSIAN_FEED);
    expect(bytes.length).toBe(RUSSIAN_FEED.length); // one byte per letter: really 8-bit, not UTF-8
    const feed = parseFeed(decodeFeedBytes(bytes, 'application/rss+xml'));
    expect(feed.title).toBe('Новости');
    expect(feed.items[0]).toMatchObject({ title: 'Ёлка в Москве: всё готово', summaryText: 'Привет, мир' });
  });

  it('lets the HTTP charset win over the prolog, and skips labels it does not know', () => {
    const bytes = windows1251(RUSSIAN_FEED.replace('windows-1251', 'utf-8'));
    expect(decodeFeedBytes(bytes, 'text/xml; charset="windows-1251"')).toContain('<title>Новости</title>');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=x-no-such-charset')).not.toContain('Новости');
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="bogus-8"?><rss><channel><title>Caf\xe9</title></channel></rss>',
      'latin1',
    );
    expect(decodeFeedBytes(latin, null)).toContain('<title>Café</title>'); // not UTF-8, nothing usable declared
  });

  it('honours a byte-order mark before anything else, and drops it', () => {
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<rss><channel><title>Zoë</title></channel></rss>'),
    ]);
    expect(decodeFeedBytes(utf8, 'text/xml; charset=iso-8859-1')).toBe(
      '<rss><channel><title>Zoë</title></channel></rss>',
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Zoë</title></channel></rss>',
        'utf16le',
      ),
    ]);
    expect(parseFeed(decodeFeedBytes(utf16, null)).title).toBe('Zoë');
    const utf16NoBom = Buffer.from('<?xml version="1.0"?><rss/>', 'utf16le');
    expect(decodeFeedBytes(utf16NoBom, null)).toBe('<?xml version="1.0"?><rss/>');
  });

  it('reads ISO-8859-1 declared in the prolog, and undeclared 8-bit text as windows-1252', () => {
    expect(decodeFeedBytes(rssParserInput('encoding.rss'), null)).toContain(
      '<title>Jornal de Notícias - Últimas Notícias</title>',
    );
    expect(decodeFeedBytes(rssParserInput('uolNoticias.rss'), null)).toContain(
      'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
    );
    expect(decodeFeedBytes(Buffer.from('<rss>\x93quoted\x94</rss>', 'latin1'), null)).toBe(
      '<rss>“quoted”</rss>',
    );
    // ISO-8859-1 means windows-1252 (WHATWG Encoding); Node 20's TextDecoder would give C1 controls here.
    const declared = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss>\x93caf\xe9\x94 \x80 5</rss>',
      'latin1',
    );
    expect(decodeFeedBytes(declared, null)).toContain('<rss>“café” € 5</rss>');
  });

  it('defaults to UTF-8', () => {
    expect(
      decodeFeedBytes(Buffer.from('<rss><channel><title>Zoë — ✓</title></channel></rss>'), null),
    ).toContain('Zoë — ✓');
    expect(decodeFeedBytes(Buffer.from('{"title":"Zoë"}'), 'application/feed+json')).toBe('{"title":"Zoë"}');
  });
});
