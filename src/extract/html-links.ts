const LINK_TAG = /<link\b[^>]*>/gi;
const ATTRIBUTE = /([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** How far into a page `<link>` tags are looked for: the head, generously. */
const HEAD_SCAN_CHARS = 200_000;

/**
 * The attributes (names lower-cased, values with `&amp;` decoded and trimmed) of each `<link>` tag
 * near the start of an HTML page. A scan, not a parse: enough for `rel`, `type`, `href`, `title`.
 */
export function htmlLinkTags(html: string): Map<string, string>[] {
  return (html.slice(0, HEAD_SCAN_CHARS).match(LINK_TAG) ?? []).map((tag) => {
    const attrs = new Map<string, string>();
    for (const m of tag.slice(5).matchAll(ATTRIBUTE)) {
      attrs.set(m[1]!.toLowerCase(), (m[2] ?? m[3] ?? m[4] ?? '').replace(/&amp;/g, '&').trim());
    }
    return attrs;
  });
}

/** Whether a link's `rel` includes `rel` (space-separated, any case). */
export function hasRel(attrs: Map<string, string>, rel: string): boolean {
  return (attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes(rel);
}
