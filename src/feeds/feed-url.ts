import { httpUrl } from '../articles/url-key.js';

/**
 * Resolves a possibly relative link against a chain of bases (innermost first, e.g. an entry's
 * xml:base, then the feed's, then the URL the feed was fetched from). Returns an absolute http(s)
 * URL, or null when the link is empty, cannot be made absolute, or has another scheme (javascript:,
 * data:, file: ...): feed links are untrusted.
 */
export function resolveFeedUrl(
  link: string | null | undefined,
  base: string | null | undefined,
): string | null {
  return httpUrl(link, base)?.toString() ?? null;
}

/** The first of `candidates` that {@link resolveFeedUrl} makes an absolute http(s) URL, or null. */
export function firstFeedUrl(candidates: (string | null)[], base: string | null): string | null {
  for (const candidate of candidates) {
    const url = resolveFeedUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

/** An `xml:base` applied on top of an outer base: the resulting base URL (absolute) or the outer one. */
export function withXmlBase(xmlBase: string | null, outer: string | null): string | null {
  if (!xmlBase) return outer;
  try {
    return new URL(xmlBase, outer ?? undefined).toString();
  } catch {
    return outer;
  }
}
