import { ampToCanonical, httpUrl } from '../articles/url-key.js';
import { hasRel, htmlLinkTags } from './html-links.js';

/** The host without the prefixes that do not change the site (`www.`, `amp.`, `m.`, `mobile.`). */
function siteHost(host: string): string {
  return host.toLowerCase().replace(/^(?:www\d*|amp|m|mobile)\./, '');
}

/** Whether two hosts belong to the same site (equal after {@link siteHost}, or one a subdomain of the other). */
function sameSite(a: string, b: string): boolean {
  const x = siteHost(a);
  const y = siteHost(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/** The first `<link rel=...>` of the page with an http(s) href, resolved. */
function linkRel(html: string, pageUrl: string, rel: string): URL | null {
  for (const attrs of htmlLinkTags(html)) {
    const url = hasRel(attrs, rel) ? httpUrl(attrs.get('href'), pageUrl) : null;
    if (url) return url;
  }
  return null;
}

/**
 * The URL a fetched page should be stored under: its `<link rel="canonical">` when that is on the
 * same site (a page cannot claim another site's article: that would let it overwrite the stored
 * one), else the page URL itself; either way through {@link ampToCanonical}. `pageUrl` is the
 * final URL after redirects. Returns null when `pageUrl` is not http(s).
 */
export function canonicalUrlFromHtml(html: string, pageUrl: string): string | null {
  const page = httpUrl(pageUrl, pageUrl);
  if (!page) return null;
  const pageHost = new URL(ampToCanonical(page.toString())).hostname;
  const canonical = linkRel(html, page.toString(), 'canonical');
  const chosen = canonical && sameSite(canonical.hostname, pageHost) ? canonical : page;
  return ampToCanonical(chosen.toString());
}

/**
 * The AMP version a canonical page declares (`<link rel="amphtml">`), when on the same site: record
 * it as another name of the stored article so that a later AMP link dedupes to it. Null otherwise.
 */
export function ampUrlFromHtml(html: string, pageUrl: string): string | null {
  const page = httpUrl(pageUrl, pageUrl);
  if (!page) return null;
  const amp = linkRel(html, page.toString(), 'amphtml');
  return amp && sameSite(amp.hostname, page.hostname) ? amp.toString() : null;
}
