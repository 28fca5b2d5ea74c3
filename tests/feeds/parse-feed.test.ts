import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/feeds/parse-feed.js';

function reason(text: string): string {
  try {
    parseFeed(text);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedParseError);
    return `${(err as FeedParseError).reason}: ${(err as Error).message}`;
  }
  throw new Error('parsed');
}

const rss = (items: string, channel = '') =>
  `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test</title><link>https://news.example/</link>${channel}${items}</channel></rss>`;

describe('parseFeed: links and bases', () => {
  it('resolves relative Atom links against xml:base on the feed, entry and link, then the feed URL', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/base/">
      <title>Blog</title><link href="./"/>
      <entry xml:base="posts/"><id>1</id><title>One</title><link rel="alternate" href="one.html"/></entry>
      <entry><id>2</id><title>Two</title><link href="two.html" xml:base="https://other.example/x/"/></entry>
      <entry><id>3</id><title>Three</title><link rel="edit" href="edit/3"/><link rel="alternate" type="text/html" href="/three"/></entry>
    </feed>`;
    const feed = parseFeed(atom, { baseUrl: 'https://ignored.example/feed.xml' });
    expect(feed.link).toBe('https://blog.example/base/');
    expect(feed.items.map((i) => i.url)).toEqual([
      'https://blog.example/base/posts/one.html',
      'https://other.example/x/two.html',
      'https://blog.example/three',
    ]);
    const noBase = parseFeed(atom.replace(' xml:base="https://blog.example/base/"', ''), {
      baseUrl: 'https://feeds.example/a/feed.xml',
    });
    expect(noBase.items[0]!.url).toBe('https://feeds.example/a/posts/one.html');
  });

  it('resolves relative RSS links against the feed URL, else the channel link', () => {
    const xml = rss('<item><title>T</title><link>/story/1</link></item>');
    expect(parseFeed(xml, { baseUrl: 'https://feeds.example/rss' }).items[0]!.url).toBe(
      'https://feeds.example/story/1',
    );
    expect(parseFeed(xml).items[0]!.url).toBe('https://news.example/story/1');
  });
});

describe('parseFeed: formats', () => {
  it('reads Atom text constructs by type: text, html and inline xhtml', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt;b&gt; is text</title>
      <entry><id>x</id><title type="html">&lt;em&gt;Big&lt;/em&gt; news</title>
      <summary type="text">Plain &amp; simple</summary>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para <b>one</b></p><p>Para two</p></div></content>
      <author><name>Ann</name></author><author><name>Bo</name></author><category term="t1" label="Label one"/><category term="t2"/>
      <published>2024-05-06T07:08:09+02:00</published><updated>2024-06-01T00:00:00Z</updated></entry></feed>`;
    const feed = parseFeed(atom);
    expect(feed.title).toBe('A <b> is text');
    expect(feed.items[0]).toMatchObject({
      title: 'Big news',
      summaryText: 'Plain & simple',
      contentText: 'Para one\n\nPara two',
      author: 'Ann, Bo',
      categories: ['Label one', 't2'],
      published: Date.parse('2024-05-06T05:08:09Z'),
    });
    expect(feed.items[0]!.contentHtml).toContain('<p>Para <b>one</b></p>');
  });

  it('reads Atom written with a prefix, and RSS elements from any prefix bound to a known namespace', () => {
    const atom = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:id>1</a:id><a:title>Prefixed</a:title><a:link href="https://p.example/1"/></a:entry></a:feed>`;
    expect(parseFeed(atom).items[0]).toMatchObject({ title: 'Prefixed', url: 'https://p.example/1' });
    const odd = `<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>I</title><c:encoded>&lt;p&gt;Body&lt;/p&gt;</c:encoded><d:creator>Cy</d:creator><d:date>2020-01-02T03:04:05Z</d:date></item></channel></rss>`;
    expect(parseFeed(odd).items[0]).toMatchObject({
      contentText: 'Body',
      author: 'Cy',
      published: Date.parse('2020-01-02T03:04:05Z'),
    });
  });

  it('reads RSS 0.91 with the Netscape DOCTYPE and HTML entities', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf&eacute; news</title><link>http://cafe.example/</link>
<item><title>Cr&egrave;me br&ucirc;l&eacute;e&nbsp;day</title><link>http://cafe.example/1</link><description>Sweet</description></item></channel></rss>`;
    const feed = parseFeed(xml);
    expect(feed).toMatchObject({ kind: 'rss', title: 'Café news' });
    expect(feed.items[0]).toMatchObject({
      title: 'Crème brûlée day',
      url: 'http://cafe.example/1',
      summaryText: 'Sweet',
    });
  });

  it('reads RSS 1.0 (RDF) with items beside the channel and dc:date', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
      <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><dc:date>2021-03-04</dc:date><dc:subject>Science</dc:subject></item></rdf:RDF>`;
    const feed = parseFeed(rdf);
    expect(feed).toMatchObject({ kind: 'rdf', title: 'R', link: 'https://r.example/' });
    expect(feed.items[0]).toMatchObject({
      guid: 'https://r.example/1',
      published: Date.parse('2021-03-04T00:00:00Z'),
      categories: ['Science'],
    });
  });

  it('reads JSON Feed 1.1 and 1.0', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JF',
      home_page_url: 'https://jf.example/',
      feed_url: 'https://jf.example/feed.json',
      authors: [{ name: 'Feed Author' }],
      items: [
        {
          id: 1,
          url: '/posts/1',
          title: 'First',
          content_html: '<p>Hello <script>x()</script>world</p>',
          summary: 'Sum',
          date_published: '2022-02-03T04:05:06-05:00',
          tags: ['a', 'b', 'a'],
          image: 'img/1.png',
        },
        {
          id: '2',
          external_url: 'https://elsewhere.example/2',
          title: 'Second',
          content_text: 'Just text',
          authors: [{ name: 'Zed' }],
          attachments: [{ url: 'https://jf.example/2.jpg', mime_type: 'image/jpeg' }],
        },
        'not an item',
      ],
    });
    const feed = parseFeed(json);
    expect(feed).toMatchObject({ kind: 'json', title: 'JF', link: 'https://jf.example/' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      guid: '1',
      url: 'https://jf.example/posts/1',
      contentText: 'Hello world',
      summaryText: 'Sum',
      author: 'Feed Author',
      published: Date.parse('2022-02-03T09:05:06Z'),
      categories: ['a', 'b'],
      imageUrl: 'https://jf.example/img/1.png',
    });
    expect(feed.items[1]).toMatchObject({
      guid: '2',
      url: 'https://elsewhere.example/2',
      contentHtml: null,
      contentText: 'Just text',
      author: 'Zed',
      imageUrl: 'https://jf.example/2.jpg',
    });
    const v1 = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'Old',
        items: [{ id: 'a', title: 'x', author: { name: 'Al' } }],
      }),
    );
    expect(v1.items[0]!.author).toBe('Al');
  });
});

describe('parseFeed: not a feed', () => {
  it('says why', () => {
    expect(reason('')).toBe('empty: empty document, not a feed');
    expect(reason('  \n ')).toMatch(/^empty:/);
    expect(
      reason('<!DOCTYPE html><html><head><title>Example Domain</title></head><body></body></html>'),
    ).toBe('html-page: an HTML page ("Example Domain"), not a feed');
    expect(reason('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toMatch(
      /^html-page:/,
    );
    expect(reason('Hello, this is plain text')).toBe(
      'not-xml: not XML or JSON: starts with "Hello, this is plain text"',
    );
    expect(reason('<?xml version="1.0"?><sitemap><url/></sitemap>')).toBe(
      'unknown-root: XML, but not a feed: root element <sitemap> is not <rss>, <rdf:RDF> or <feed>',
    );
    expect(reason('{"name": "package"}')).toMatch(/^not-a-feed: JSON but not a JSON Feed/);
    expect(reason('{"version": "https://jsonfeed.org/version/1.1", ')).toMatch(/^malformed-json: /);
  });

  it('reports malformed XML with its line and column', () => {
    const broken = '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Broken</channel></rss>';
    let error: FeedParseError | undefined;
    try {
      parseFeed(broken);
    } catch (err) {
      error = err as FeedParseError;
    }
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({ reason: 'malformed-xml', line: 3 });
    expect(error!.message).toMatch(/^malformed XML at line 3, column \d+: /);
    expect(reason('<rss><channel><item><title>cut off')).toMatch(/^malformed-xml: /);
  });
});

describe('parseFeed: HTML pages that link to their feeds', () => {
  it('names the feeds the page advertises', () => {
    const page = `<!doctype html><html><head><title>Harbour Times</title>
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
      <link rel=alternate type="application/atom+xml" href="https://harbour.example/atom.xml">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/feed+json" href="javascript:alert(1)">
      </head><body></body></html>`;
    let error: FeedParseError | undefined;
    try {
      parseFeed(page, { baseUrl: 'https://harbour.example/news/' });
    } catch (err) {
      error = err as FeedParseError;
    }
    expect(error?.feedLinks).toEqual([
      'https://harbour.example/feed.xml',
      'https://harbour.example/atom.xml',
    ]);
    expect(error?.message).toBe(
      'an HTML page ("Harbour Times"), not a feed; it links to feeds: https://harbour.example/feed.xml, https://harbour.example/atom.xml',
    );
  });
});

describe('parseFeed: small things real feeds do', () => {
  it('accepts blank lines before the XML declaration and never lets a control character through', () => {
    const feed = parseFeed(
      '\n\n  <?xml version="1.0"?>' + rss('<item><title>Bell &#7; &#x1F600;</title></item>'),
    );
    expect(feed.items[0]!.title).toBe('Bell 😀'); // &#7; survives the XML decoding, and the HTML text drops the control character
  });
});
