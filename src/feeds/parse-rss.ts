import type { FeedItem, ParsedFeed } from './feed-types.js';
import { itemImage } from './feed-media.js';
import { firstFeedUrl, resolveFeedUrl, withXmlBase } from './feed-url.js';
import { categoryNames, firstDate, joinNames, rssAuthorName } from './item-fields.js';
import { richHtml, richLine, richText } from './rich-text.js';
import { all, attr, childText, elements, first, textOf } from './xml-node.js';
import type { XmlNode } from './xml-tree.js';

/** An `atom:link` with rel="alternate" (or no rel) in an RSS element, as RSS feeds sometimes carry. */
function atomAlternate(node: XmlNode): string | null {
  const link = elements(node, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  return attr(link, 'href');
}

function itemUrl(item: XmlNode, base: string | null): string | null {
  const guid = first(item, 'guid');
  // A guid is a link only when it says so (the default) and is an absolute http(s) URL.
  const guidText =
    guid && attr(guid, 'isPermaLink')?.toLowerCase() !== 'false' ? childText(item, 'guid') : null;
  const permalink = guidText && /^https?:\/\//i.test(guidText) ? guidText : null;
  const candidates = [childText(item, 'link'), atomAlternate(item), permalink, attr(item, 'rdf:about')];
  return firstFeedUrl(candidates, base);
}

function rssItem(item: XmlNode, outerBase: string | null): FeedItem {
  const base = withXmlBase(attr(item, 'xml:base'), outerBase);
  const content = item['content:encoded'];
  return {
    guid: childText(item, 'guid', 'dc:identifier') ?? attr(item, 'rdf:about'),
    url: itemUrl(item, base),
    title: richLine(item.title) || richLine(item['dc:title']),
    published: firstDate(
      item,
      'pubDate',
      'dc:date',
      'dcterms:issued',
      'dcterms:created',
      'atom:published',
      'dcterms:modified',
      'atom:updated',
    ),
    author:
      joinNames(all(item, 'dc:creator').map(textOf)) ??
      joinNames([rssAuthorName(childText(item, 'author')), childText(item, 'itunes:author')]),
    summaryText: richText(item.description) ?? richText(item['itunes:summary']),
    contentHtml: richHtml(content),
    contentText: richText(content),
    imageUrl: itemImage(item, base),
    categories: categoryNames(item, ['category', 'dc:subject']),
  };
}

/**
 * Reads an RSS 0.9x / 2.0 document (root `rss`) or an RSS 0.90 / 1.0 RDF document (root `rdf:RDF`,
 * items beside the channel). Relative links resolve against xml:base, then `baseUrl`, then the
 * channel's link.
 */
export function readRss(root: XmlNode, kind: 'rss' | 'rdf', baseUrl: string | null): ParsedFeed {
  const channel = first(root, 'channel') ?? {};
  const rootBase = withXmlBase(attr(root, 'xml:base'), baseUrl);
  const channelBase = withXmlBase(attr(channel, 'xml:base'), rootBase);
  const link = resolveFeedUrl(childText(channel, 'link') ?? atomAlternate(channel), channelBase);
  const itemBase = channelBase ?? link;
  const items = [...elements(channel, 'item'), ...elements(root, 'item')];
  return {
    kind,
    title: richLine(channel.title) || richLine(channel['dc:title']),
    link,
    items: items.map((item) => rssItem(item, itemBase)),
  };
}
