import type { FeedItem, ParsedFeed } from './feed-types.js';
import { itemImage } from './feed-media.js';
import { resolveFeedUrl, withXmlBase } from './feed-url.js';
import { categoryNames, firstDate, joinNames } from './item-fields.js';
import { atomContentType, richHtml, richLine, richText, type ContentType } from './rich-text.js';
import { attr, childText, elements, first } from './xml-node.js';
import type { XmlNode } from './xml-tree.js';

/** How to read a text construct: its declared type, with unknown types read as text. */
function typeOf(value: unknown): ContentType {
  const type = atomContentType(value);
  return type === 'other' ? 'text' : type;
}

/** The best `rel` link: alternate (or no rel) first, HTML type preferred; resolved with its own xml:base. */
function linkHref(node: XmlNode, base: string | null, rel: string): string | null {
  const links = elements(node, 'link').filter((l) => (attr(l, 'rel') ?? 'alternate') === rel);
  const html = links.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html')) ?? links[0];
  return html ? resolveFeedUrl(attr(html, 'href'), withXmlBase(attr(html, 'xml:base'), base)) : null;
}

function authorNames(node: XmlNode | undefined): string | null {
  return joinNames(elements(node, 'author').map((a) => childText(a, 'name') ?? childText(a, 'email')));
}

function atomEntry(entry: XmlNode, feedBase: string | null, feedAuthor: string | null): FeedItem {
  const base = withXmlBase(attr(entry, 'xml:base'), feedBase);
  const id = childText(entry, 'id');
  const content = entry.content;
  const contentType = atomContentType(content);
  const hasInlineContent =
    content !== undefined && attr(first(entry, 'content'), 'src') === null && contentType !== 'other';
  const summary = entry.summary;
  return {
    guid: id,
    url:
      linkHref(entry, base, 'alternate') ??
      (id && /^https?:\/\//i.test(id) ? resolveFeedUrl(id, null) : null),
    title: richLine(entry.title, typeOf(entry.title)),
    published: firstDate(entry, 'published', 'issued', 'created', 'dc:date', 'updated', 'modified'),
    author:
      authorNames(entry) ??
      authorNames(first(entry, 'source')) ??
      childText(entry, 'dc:creator') ??
      feedAuthor,
    summaryText: richText(summary, typeOf(summary)),
    contentHtml: hasInlineContent && contentType === 'html' ? richHtml(content, 'html') : null,
    contentText: hasInlineContent ? richText(content, contentType === 'html' ? 'html' : 'text') : null,
    imageUrl: itemImage(entry, base),
    categories: categoryNames(entry, ['category'], true),
  };
}

/**
 * Reads an Atom 1.0 (or 0.3) document, root `feed`. Links prefer rel="alternate"; relative ones
 * resolve against xml:base (feed, entry, link), then `baseUrl`, then the feed's rel="self" link.
 */
export function readAtom(feed: XmlNode, baseUrl: string | null): ParsedFeed {
  const self = linkHref(feed, withXmlBase(attr(feed, 'xml:base'), baseUrl), 'self');
  const base = withXmlBase(attr(feed, 'xml:base'), baseUrl ?? self);
  const feedAuthor = authorNames(feed);
  return {
    kind: 'atom',
    title: richLine(feed.title, typeOf(feed.title)),
    link: linkHref(feed, base, 'alternate'),
    items: elements(feed, 'entry').map((entry) => atomEntry(entry, base, feedAuthor)),
  };
}
