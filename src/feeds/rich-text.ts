import { decodeXML } from 'entities';
import { htmlToInlineText, htmlToText, tidyPlainText } from '../extract/html-text.js';
import type { XmlNode } from './xml-tree.js';
import { scalarText } from './xml-node.js';

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const MARKUP = /<[A-Za-z!/?]/;

/** The raw XML source of an element the parser kept unparsed (`RAW_ELEMENTS` in xml-tree.ts). */
function rawOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const text = (value as XmlNode)['#text'];
    return typeof text === 'string' ? text : '';
  }
  return null;
}

/**
 * The element's content as a string: CDATA unwrapped and, outside CDATA, entities decoded. When
 * the content holds element markup (inline XHTML, or HTML a feed forgot to escape), that markup is
 * returned as it is, with CDATA unwrapped, and `markup` is true.
 */
function contentOf(raw: string): { value: string; markup: boolean } {
  let value = '';
  let markup = false;
  let last = 0;
  for (const m of raw.matchAll(CDATA)) {
    const outside = raw.slice(last, m.index);
    markup ||= MARKUP.test(outside);
    value += markup ? outside : decodeXML(outside);
    value += m[1] ?? '';
    last = m.index + m[0].length;
  }
  const tail = raw.slice(last);
  markup ||= MARKUP.test(tail);
  if (markup) return { value: raw.replace(CDATA, '$1'), markup };
  return { value: value + decodeXML(tail), markup };
}

/** How an element's content is to be read. */
export type ContentType = 'text' | 'html';

/** The declared type of an Atom text construct or content (`type`, Atom 0.3 `mode`). */
export function atomContentType(value: unknown): ContentType | 'other' {
  const node = typeof value === 'object' && value !== null ? (value as XmlNode) : {};
  const type = (scalarText(node['@type']) || 'text').trim().toLowerCase();
  const mode = scalarText(node['@mode']).toLowerCase();
  if (mode === 'escaped') return 'html';
  if (mode === 'base64') return 'other';
  if (type === 'text' || type === 'text/plain') return 'text';
  if (
    type === 'html' ||
    type === 'xhtml' ||
    type === 'text/html' ||
    type.endsWith('+xml') ||
    type === 'application/xhtml'
  ) {
    return 'html';
  }
  return 'other';
}

/** The element's content as HTML: escaped HTML decoded, CDATA unwrapped, inline markup kept; null when absent/empty. */
export function richHtml(value: unknown, type: ContentType = 'html'): string | null {
  const raw = rawOf(value);
  if (raw === null) return null;
  const { value: content, markup } = contentOf(raw);
  const html = type === 'text' && !markup ? escapeHtml(content) : content;
  return html.trim() === '' ? null : html.trim();
}

/** The element's content as plain text in paragraphs (markup stripped per `type`); null when empty. */
export function richText(value: unknown, type: ContentType = 'html'): string | null {
  const raw = rawOf(value);
  if (raw === null) return null;
  const { value: content, markup } = contentOf(raw);
  const text = type === 'text' && !markup ? tidyPlainText(content) : htmlToText(content);
  return text === '' ? null : text;
}

/** The element's content as one line of plain text (titles): '' when absent. */
export function richLine(value: unknown, type: ContentType = 'html'): string {
  const raw = rawOf(value);
  if (raw === null) return '';
  const { value: content, markup } = contentOf(raw);
  return type === 'text' && !markup ? tidyPlainText(content).replace(/\s+/g, ' ') : htmlToInlineText(content);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
