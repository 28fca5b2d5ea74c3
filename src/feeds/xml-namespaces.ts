/** Namespace URIs of the feed vocabularies we read, mapped to the prefix the parsers use for them. */
const CANONICAL_PREFIX: Record<string, string> = {
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/xhtml': 'xhtml',
};
const DECLARATION = /\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Maps the prefixes a document declares (anywhere, `xmlns:p="uri"`) to the canonical prefixes of
 * {@link CANONICAL_PREFIX}: `<foo:encoded xmlns:foo="http://purl.org/rss/1.0/modules/content/">`
 * reads as `content:encoded`. Elements of the feed's own vocabulary lose their prefix (`atom:entry`
 * in an Atom feed is `entry`); unknown prefixes are kept. The first declaration of a prefix wins.
 */
export function prefixRenamer(xml: string, rootIsAtom: boolean): (tagName: string) => string {
  const renames = new Map<string, string>();
  for (const m of xml.matchAll(DECLARATION)) {
    const prefix = m[1]!;
    if (renames.has(prefix)) continue;
    const canonical = CANONICAL_PREFIX[(m[2] ?? m[3] ?? '').trim()];
    if (canonical === undefined) continue;
    renames.set(prefix, canonical === 'atom' && rootIsAtom ? '' : canonical);
  }
  return (tagName) => {
    const colon = tagName.indexOf(':');
    if (colon < 0) return tagName;
    const renamed = renames.get(tagName.slice(0, colon));
    if (renamed === undefined) return tagName;
    const local = tagName.slice(colon + 1);
    return renamed === '' ? local : `${renamed}:${local}`;
  };
}
