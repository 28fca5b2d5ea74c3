/**
 * A synthetic RSS 2.0 feed of about `bytes` characters for benchmarks and worker tests: items with
 * CDATA HTML content, entities, dates, categories and media images, like a large news feed.
 */
export function syntheticRss(bytes: number): string {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Synthetic News &amp; Views</title><link>https://synthetic.example/</link><description>Benchmark feed</description>\n';
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const paragraphs = Array.from(
      { length: 6 },
      (_, p) =>
        `<p>Paragraph ${p} of story ${i}: the council said on Tuesday that the harbour works would cost more &amp; take longer than planned, according to a report seen by <em>Synthetic News</em>.</p>`,
    ).join('');
    const item =
      `<item><title>Story ${i}: harbour works &#8212; costs rise</title><link>https://synthetic.example/news/${i}?utm_source=rss</link>` +
      `<guid isPermaLink="false">synthetic-${i}</guid><pubDate>Tue, ${day} Mar 2026 10:${String(i % 60).padStart(2, '0')}:00 +0100</pubDate>` +
      `<dc:creator>Reporter ${i % 17}</dc:creator><category>Local</category><category>Harbour</category>` +
      `<description><![CDATA[<p>The council said the harbour works would cost more.</p>]]></description>` +
      `<content:encoded><![CDATA[${paragraphs}<script>track(${i})</script>]]></content:encoded>` +
      `<media:content url="https://synthetic.example/img/${i}.jpg" medium="image" /></item>\n`;
    parts.push(item);
    size += item.length;
  }
  parts.push('</channel></rss>\n');
  return parts.join('');
}
