import { parseHtmlDocument, type MiniNode } from './dom.js';

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);
/** Never article text: code, media, form controls, image captions. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'VIDEO',
  'AUDIO',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'FIGCAPTION',
  'HEAD',
  'TITLE',
]);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function walk(node: MiniNode, out: string[], pre: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    const text = node.textContent ?? '';
    out.push(pre ? text : text.replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
  const tag = node.nodeName.toUpperCase();
  if (SKIP.has(tag)) return;
  if (tag === 'BR') {
    out.push('\n');
    return;
  }
  if (tag === 'TD' || tag === 'TH') out.push(' '); // a table row reads as one line
  const block = BLOCK.has(tag);
  if (block) out.push('\n\n');
  const children = Array.from(node.childNodes);
  for (const child of children) walk(child, out, pre || tag === 'PRE');
  if (block) out.push('\n\n');
}

/**
 * Converts an HTML fragment (e.g. Readability's `content`) to plain text with one blank line
 * between block elements (paragraphs, headings, list items, quotes, table rows) and `<br>` as a line break.
 * Scripts, styles, form controls, media and figure captions are left out.
 */
export function htmlToText(html: string): string {
  const doc = parseHtmlDocument(`<!DOCTYPE html><html><body>${html}</body></html>`);
  if (!doc.body) return '';
  const out: string[] = [];
  walk(doc.body, out, false);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether a string looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:p|div|br|h[1-6]|li|ul|ol|a|span|em|strong|b|i|img|blockquote|figure|section|article)\b[^>]*>/i.test(
    text,
  );
}
