import { parseFeedDate } from './feed-dates.js';
import { htmlToInlineText } from '../extract/html-text.js';
import { all, scalarText, textOf } from './xml-node.js';
import type { XmlNode } from './xml-tree.js';

/** The first date among `keys` that parses, epoch ms, or null. */
export function firstDate(node: XmlNode, ...keys: string[]): number | null {
  for (const key of keys) {
    for (const value of all(node, key)) {
      const time = parseFeedDate(textOf(value));
      if (time !== null) return time;
    }
  }
  return null;
}

/** Plain-text names, without empties or duplicates, joined with ", "; null when there are none. */
export function joinNames(names: (string | null | undefined)[]): string | null {
  const unique = [...new Set(names.map((n) => (n ? htmlToInlineText(n) : '')).filter((n) => n !== ''))];
  return unique.length ? unique.join(', ').slice(0, 300) : null;
}

/** An RSS `author` ("jo@example.com (Jo Smith)") as a name when it has one, else as written. */
export function rssAuthorName(value: string | null): string | null {
  if (!value) return null;
  const m = /^\S+@\S+\s*\((.+)\)$/.exec(value.trim());
  return m ? m[1]!.trim() : value.trim();
}

/** Category names from `keys` (element text; with `atom`, the `label` or `term` attribute), without duplicates. */
export function categoryNames(node: XmlNode, keys: string[], atom = false): string[] {
  const names: string[] = [];
  for (const key of keys) {
    for (const value of all(node, key)) {
      const el = typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
      const name = atom && el ? scalarText(el['@label'] ?? el['@term']) : textOf(value);
      const text = name ? htmlToInlineText(name) : '';
      if (text && !names.includes(text)) names.push(text);
    }
  }
  return names;
}
