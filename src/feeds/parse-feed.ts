import { httpUrl } from '../articles/url-key.js';
import { hasRel, htmlLinkTags } from '../extract/html-links.js';
import { FeedParseError } from './feed-parse-error.js';
import type { ParsedFeed, ParseFeedOptions } from './feed-types.js';
import { readAtom } from './parse-atom.js';
import { readJsonFeed } from './parse-json-feed.js';
import { readRss } from './parse-rss.js';
import { looksLikeHtmlPage, sniffXmlStart } from './xml-sniff.js';
import { parseXmlDocument } from './xml-tree.js';

export { FeedParseError, type FeedParseReason } from './feed-parse-error.js';
export type { FeedItem, FeedKind, ParsedFeed, ParseFeedOptions } from './feed-types.js';

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|rdf\+xml|feed\+json|json)$/i;

/**
 * The feeds an HTML page advertises (`<link rel="alternate" type="application/rss+xml" href=...>`,
 * also Atom, RDF and JSON Feed types), as absolute http(s) URLs without duplicates, in page order.
 * `pageUrl` resolves relative hrefs; without it only absolute ones are returned. For `/feeds add`
 * given a site's address instead of its feed's.
 */
function discoverFeedLinks(html: string, pageUrl?: string | null): string[] {
  const found: string[] = [];
  for (const attrs of htmlLinkTags(html)) {
    if (!hasRel(attrs, 'alternate') || !FEED_TYPES.test(attrs.get('type') ?? '')) continue;
    const url = httpUrl(attrs.get('href'), pageUrl ?? undefined)?.toString();
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}

function pageTitle(text: string): string | null {
  const title = /<title[^>]*>([^<]{1,120})/i.exec(text.slice(0, 20_000))?.[1]?.replace(/\s+/g, ' ').trim();
  return title ? title : null;
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

/**
 * Parses an RSS 0.91/0.92/2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.0/1.1 document (already
 * decoded to a string: see `decodeFeedBytes`). Every item's text is plain text, its URL absolute.
 * XML is parsed without expanding DOCTYPE entities or reading anything external.
 *
 * Throws {@link FeedParseError} when the text is empty, an HTML page, not XML/JSON, malformed (with
 * line and column), or XML/JSON of another kind (unknown root element, JSON without a JSON Feed version).
 */
export function parseFeed(text: string, options: ParseFeedOptions = {}): ParsedFeed {
  // BOM and leading blank lines (a common server-side slip before `<?xml`) are not the feed's fault.
  const doc = text.replace(/^\ufeff?\s*/, '');
  const lead = doc[0];
  if (lead === undefined) throw new FeedParseError('empty', 'empty document, not a feed');
  const baseUrl = options.baseUrl ?? null;
  if (lead === '{' || lead === '[') return readJsonFeed(doc, baseUrl);
  const start = sniffXmlStart(doc);
  if (looksLikeHtmlPage(start)) {
    const title = pageTitle(doc);
    const feedLinks = discoverFeedLinks(doc, baseUrl);
    const hint = feedLinks.length
      ? `; it links to ${feedLinks.length === 1 ? 'a feed' : 'feeds'}: ${feedLinks.join(', ')}`
      : '';
    throw new FeedParseError('html-page', `an HTML page${title ? ` ("${title}")` : ''}, not a feed${hint}`, {
      feedLinks,
    });
  }
  if (start.root === null) {
    const stray = start.strayText?.replace(/\s+/g, ' ').trim();
    throw new FeedParseError(
      'not-xml',
      stray ? `not XML or JSON: starts with "${stray}"` : 'not XML: no root element',
    );
  }
  const root = localName(start.root);
  if (root !== 'rss' && root !== 'RDF' && root !== 'feed') {
    throw new FeedParseError(
      'unknown-root',
      `XML, but not a feed: root element <${start.root}> is not <rss>, <rdf:RDF> or <feed>`,
    );
  }
  const { node } = parseXmlDocument(doc, start, root === 'feed');
  if (root === 'feed') return readAtom(node, baseUrl);
  return readRss(node, root === 'rss' ? 'rss' : 'rdf', baseUrl);
}
