/** Content types a feed may be served as (RSS, Atom, RDF, JSON Feed, and the generic XML/JSON types). */
export const FEED_CONTENT_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
  // Older or informal names still sent by real servers.
  'application/x-rss+xml',
  'application/x-atom+xml',
  'application/rss',
  'text/rss+xml',
  'text/atom+xml',
  'text/rdf+xml',
  'application/x-rdf+xml',
];

/** Content types a web page may be served as. */
export const PAGE_CONTENT_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];

/** A parsed Content-Type header. */
export interface ParsedContentType {
  /** Lower-case `type/subtype`, without parameters. */
  mediaType: string;
  /** Lower-case charset label, when given. */
  charset: string | null;
}

/** Parses a Content-Type header; null when absent or without a `type/subtype`. */
export function parseContentType(header: string | null | undefined): ParsedContentType | null {
  if (!header) return null;
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mediaType)) return null;
  let charset: string | null = null;
  for (const param of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(param);
    if (m) charset = m[1]!.toLowerCase();
  }
  return { mediaType, charset };
}

/**
 * True when the media type is on the list. Entries are exact `type/subtype`, `type/*` or `*\/*`, compared without
 * case and without parameters.
 */
export function isAcceptedType(mediaType: string, accept: readonly string[]): boolean {
  const type = mediaType.toLowerCase();
  return accept.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (e === '*/*' || e === type) return true;
    return e.endsWith('/*') && type.startsWith(e.slice(0, -1));
  });
}

/** The Accept header for a list of accepted types (anything else at a low weight, so servers still answer). */
export function acceptHeader(accept: readonly string[] | undefined): string {
  if (!accept || accept.length === 0) return '*/*';
  return [...accept, '*/*;q=0.1'].join(', ');
}
