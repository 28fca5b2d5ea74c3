import { hasRel, htmlLinkTags, httpUrl } from '../extract/html-links.js';

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|rdf\+xml|feed\+json|json)$/i;

/**
 * The feeds an HTML page advertises (`<link rel="alternate" type="application/rss+xml" href=...>`,
 * also Atom, RDF and JSON Feed types), as absolute http(s) URLs without duplicates, in page order.
 * `pageUrl` resolves relative hrefs; without it only absolute ones are returned. For `/feeds add`
 * given a site's address instead of its feed's.
 */
export function discoverFeedLinks(html: string, pageUrl?: string | null): string[] {
  const found: string[] = [];
  for (const attrs of htmlLinkTags(html)) {
    if (!hasRel(attrs, 'alternate') || !FEED_TYPES.test(attrs.get('type') ?? '')) continue;
    const url = httpUrl(attrs.get('href'), pageUrl ?? undefined)?.toString();
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}
