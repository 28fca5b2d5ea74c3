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
  const text = link?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text, base ?? undefined);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
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
