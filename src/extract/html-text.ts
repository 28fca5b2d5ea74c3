import { decodeHTML } from 'entities';
import { boundHtml } from './bound-html.js';
import { parseHtmlFragment, type MiniNode } from './dom.js';

/** Elements that start and end a paragraph. */
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
/** Never readable text: code, styles, media, embedded documents, forms and their controls, captions, metadata. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'MATH',
  'CANVAS',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'VIDEO',
  'AUDIO',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'FORM',
  'FIGCAPTION',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
]);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

/** Control characters (all but tab and newline) never belong in text; a reference like `&#7;` can smuggle them in. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
/** An entity reference left after one decoding (an unknown name, or a double-encoded one). */
const ENTITY_LEFT = /&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9a-fA-F]+);/;

function isHidden(node: MiniNode): boolean {
  const attr = (name: string) => node.getAttribute?.(name) ?? null;
  return attr('hidden') !== null || attr('aria-hidden') === 'true' || HIDDEN_STYLE.test(attr('style') ?? '');
}

/** A node still to visit (with whether it is inside `<pre>`), or text to emit when its turn comes. */
type Task = { node: MiniNode; pre: boolean } | string;

/**
 * The text of a DOM tree, in document order, with `\n\n` around block elements and `\n` for `<br>`.
 * Iterative (an explicit stack, never recursion), so a hostile, deeply nested tree cannot overflow
 * the call stack.
 */
function walk(root: MiniNode): string {
  const out: string[] = [];
  const stack: Task[] = [{ node: root, pre: false }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if (typeof task === 'string') {
      out.push(task);
      continue;
    }
    const { node, pre } = task;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      out.push(pre ? text : text.replace(/\s+/g, ' '));
      continue;
    }
    const type = node.nodeType;
    if (type !== ELEMENT_NODE && type !== DOCUMENT_NODE && type !== FRAGMENT_NODE) continue;
    const tag = node.nodeName.toUpperCase();
    if (SKIP.has(tag) || (type === ELEMENT_NODE && isHidden(node))) continue;
    if (tag === 'BR') {
      out.push('\n');
      continue;
    }
    if (tag === 'TD' || tag === 'TH') out.push(' '); // a table row reads as one line
    if (BLOCK.has(tag)) {
      out.push('\n\n');
      stack.push('\n\n'); // emitted after the children
    }
    const children = node.childNodes;
    const childPre = pre || tag === 'PRE';
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, pre: childPre });
  }
  return out.join('');
}

function tidy(text: string): string {
  return text
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Untrusted HTML (a page's article as Readability gives it, feed content and titles, HTML in JSON
 * files) to plain text: one blank line between block elements (paragraphs, headings, list items,
 * quotes, table rows), `<br>` a line break. Left out: scripts, styles, media, forms and their
 * controls, figure captions, hidden elements (`hidden`, `aria-hidden="true"`, `display:none`,
 * `visibility:hidden`) and control characters. Entities are decoded.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<')) {
    // No markup: decode entities here rather than build a DOM (most titles and many summaries).
    const text = decodeHTML(html);
    if (!ENTITY_LEFT.test(text)) return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  }
  // Bounded first: linkedom's parser overflows its stack on a few thousand nested tags (feeds carry HTML too).
  return tidy(walk(parseHtmlFragment(boundHtml(html).html)));
}

/** {@link htmlToText} on one line: for titles, names and categories. */
export function htmlToInlineText(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

/** Text that is already plain (Atom type="text", JSON Feed): control characters dropped, spaces and tabs collapsed per line. */
export function tidyPlainText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Whether a string looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:p|div|br|h[1-6]|li|ul|ol|a|span|em|strong|b|i|img|blockquote|figure|section|article)\b[^>]*>/i.test(
    text,
  );
}
