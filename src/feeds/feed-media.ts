import { firstFeedUrl } from './feed-url.js';
import { attr, elements, first } from './xml-node.js';
import type { XmlNode } from './xml-tree.js';

const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp|avif)(?:$|[?#])/i;

/** Whether a media element describes an image (by type, medium, or, lacking both, its URL). */
function isImage(node: XmlNode, urlAttr: string): boolean {
  const type = attr(node, 'type');
  const medium = attr(node, 'medium');
  if (type) return type.toLowerCase().startsWith('image/');
  if (medium) return medium.toLowerCase() === 'image';
  return IMAGE_PATH.test(attr(node, urlAttr) ?? '');
}

/** The widest of several images (media:content lists sizes), else the first. */
function widest(nodes: XmlNode[]): XmlNode | undefined {
  return nodes.reduce<XmlNode | undefined>(
    (best, n) =>
      best === undefined || Number(attr(n, 'width') ?? 0) > Number(attr(best, 'width') ?? 0) ? n : best,
    undefined,
  );
}

/**
 * The item's image: Media RSS `media:content` (widest image, also inside `media:group`), then
 * `media:thumbnail`, then an image `enclosure` (RSS) or `link rel="enclosure"` (Atom), then
 * `itunes:image`. Absolute http(s) URL or null.
 */
export function itemImage(item: XmlNode, base: string | null): string | null {
  const groups = [item, ...elements(item, 'media:group')];
  const contents = groups.flatMap((g) => elements(g, 'media:content'));
  const candidates: (string | null)[] = [
    attr(widest(contents.filter((n) => isImage(n, 'url'))), 'url'),
    attr(
      first(item, 'media:thumbnail') ??
        groups
          .concat(contents)
          .map((g) => first(g, 'media:thumbnail'))
          .find(Boolean),
      'url',
    ),
    attr(
      elements(item, 'enclosure').find((n) => isImage(n, 'url')),
      'url',
    ),
    attr(
      elements(item, 'link').find((n) => attr(n, 'rel') === 'enclosure' && isImage(n, 'href')),
      'href',
    ),
    attr(first(item, 'itunes:image'), 'href'),
  ];
  return firstFeedUrl(candidates, base);
}
