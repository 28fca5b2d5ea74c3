import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';

const rss = (items: string, channel = '') =>
  `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test</title><link>https://news.example/</link>${channel}${items}</channel></rss>`;

describe('parseFeed: XML safety', () => {
  it('does not expand a billion-laughs DOCTYPE', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      '',
    );
    const xml =
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]>` +
      rss('<item><title>Laughs &lol9; end</title><link>https://news.example/a</link></item>');
    const feed = parseFeed(xml);
    expect(feed.items[0]!.title).toBe('Laughs &lol9; end');
    expect(JSON.stringify(feed)).not.toContain('lollol');
  });

  it('never reads an external entity (XXE): the reference stays as written', () => {
    const xml =
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY web SYSTEM "http://127.0.0.1:1/x">]>` +
      rss(
        '<item><title>&xxe;</title><description>&web; text</description><link>https://news.example/a</link></item>',
      );
    const item = parseFeed(xml).items[0]!;
    expect(item.title).toBe('&xxe;');
    expect(item.summaryText).toBe('&web; text');
    expect(JSON.stringify(item)).not.toMatch(/root:/);
  });

  it('decodes the XML entities and character references, and reads CDATA as text', () => {
    const feed = parseFeed(
      rss(
        '<item><title>Caf&#233; &amp; bar &#x2014; &lt;b&gt;open&lt;/b&gt;</title><description><![CDATA[<p>Fish & chips</p>]]></description><link>https://news.example/a?x=1&amp;y=2</link></item>',
      ),
    );
    expect(feed.items[0]).toMatchObject({
      title: 'Café & bar — open',
      summaryText: 'Fish & chips',
      url: 'https://news.example/a?x=1&y=2',
    });
  });

  it('repairs a bare ampersand in text, but not inside CDATA', () => {
    const feed = parseFeed(
      rss('<item><title>AT&T and R&D</title><link><![CDATA[https://news.example/a?x=1&y=2]]></link></item>'),
    );
    expect(feed.items[0]).toMatchObject({ title: 'AT&T and R&D', url: 'https://news.example/a?x=1&y=2' });
  });
});

describe('parseFeed: untrusted text', () => {
  it('strips markup, scripts, styles and hidden elements from titles and summaries', () => {
    const description =
      '&lt;p&gt;Visible &lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;span hidden&gt;secret&lt;/span&gt;&lt;span style="display: none"&gt;gone&lt;/span&gt;&lt;b aria-hidden="true"&gt;x&lt;/b&gt;text&lt;/p&gt;';
    const item = parseFeed(
      rss(
        `<item><title><![CDATA[<b>Bold</b> <img src=x onerror=alert(1)>move]]></title><description>${description}</description></item>`,
      ),
    ).items[0]!;
    expect(item.title).toBe('Bold move');
    expect(item.summaryText).toBe('Visible text');
  });

  it('keeps paragraphs of content:encoded as blank-line separated text and the HTML as given', () => {
    const item = parseFeed(
      rss(
        '<item><title>T</title><content:encoded><![CDATA[<h2>Head</h2><p>One<br>two</p><p>Three</p>]]></content:encoded></item>',
      ),
    ).items[0]!;
    expect(item.contentHtml).toBe('<h2>Head</h2><p>One<br>two</p><p>Three</p>');
    expect(item.contentText).toBe('Head\n\nOne\ntwo\n\nThree');
  });

  it('accepts only http(s) links', () => {
    const item = parseFeed(
      rss(
        '<item><title>T</title><link>javascript:alert(1)</link><guid>https://news.example/permalink</guid></item>',
      ),
    ).items[0]!;
    expect(item.url).toBe('https://news.example/permalink');
    const noPermalink = parseFeed(
      rss('<item><title>T</title><guid isPermaLink="false">https://news.example/p</guid></item>'),
    ).items[0]!;
    expect(noPermalink).toMatchObject({ url: null, guid: 'https://news.example/p' });
  });
});
