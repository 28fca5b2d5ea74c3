import type { XmlNode } from './xml-tree.js';

/** Every value under `key` as an array (fast-xml-parser gives one value or an array). */
export function all(node: XmlNode | undefined, key: string): unknown[] {
  const value = node?.[key];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The child elements under `key` that are objects (elements with attributes or children). */
export function elements(node: XmlNode | undefined, key: string): XmlNode[] {
  return all(node, key).map((v) =>
    typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': String(v) },
  );
}

/** The first element under `key`, or undefined. */
export function first(node: XmlNode | undefined, key: string): XmlNode | undefined {
  return elements(node, key)[0];
}

/** The text of a scalar (string, number, boolean); '' for anything else, so no object prints as "[object Object]". */
export function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** The trimmed text of a simple value or element (its `#text`), or null when absent or empty. */
export function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const raw = typeof value === 'object' ? (value as XmlNode)['#text'] : value;
  if (raw === undefined || raw === null || typeof raw === 'object') return null;
  const text = scalarText(raw).trim();
  return text === '' ? null : text;
}

/** The text of the first `key` child that has any, or null. */
export function childText(node: XmlNode | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const value of all(node, key)) {
      const text = textOf(value);
      if (text !== null) return text;
    }
  }
  return null;
}

/** An attribute's trimmed value, or null. */
export function attr(node: XmlNode | undefined, name: string): string | null {
  const value = node?.[`@${name}`];
  if (value === undefined || value === null) return null;
  const text = scalarText(value).trim();
  return text === '' ? null : text;
}
