import { parseHTML } from 'linkedom';
import { decodeHtmlEntities } from '../extract/html-entities.js';

/** The DOM members this module reads (the project compiles without the DOM lib). */
interface Node {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
  getAttribute?(name: string): string | null;
}

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
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
  'TABLE',
  'TR',
  'UL',
]);
/** Never readable text: code, styles, media, embedded documents, form controls, captions. */
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
/** The document fragments are parsed in (an element's innerHTML): one, made on first use, cheaper than a document per call. */
let fragmentDoc: { createElement(tag: string): Node & { innerHTML: string } } | null = null;
function fragmentDocument(): NonNullable<typeof fragmentDoc> {
  fragmentDoc ??= (
    parseHTML('<!DOCTYPE html><html><body></body></html>') as unknown as {
      document: NonNullable<typeof fragmentDoc>;
    }
  ).document;
  return fragmentDoc;
}

/** Control characters (all but tab and newline) never belong in text; a reference like `&#7;` can smuggle them in. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

function isHidden(node: Node): boolean {
  const attr = (name: string) => node.getAttribute?.(name) ?? null;
  return attr('hidden') !== null || attr('aria-hidden') === 'true' || HIDDEN_STYLE.test(attr('style') ?? '');
}

function walk(node: Node, out: string[], pre: boolean): void {
  if (node.nodeType === 3) {
    const text = node.textContent ?? '';
    out.push(pre ? text : text.replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const tag = node.nodeName.toUpperCase();
  if (SKIP.has(tag) || (node.nodeType === 1 && isHidden(node))) return;
  if (tag === 'BR') return void out.push('\n');
  if (tag === 'TD' || tag === 'TH') out.push(' ');
  const block = BLOCK.has(tag);
  if (block) out.push('\n\n');
  for (const child of Array.from(node.childNodes)) walk(child, out, pre || tag === 'PRE');
  if (block) out.push('\n\n');
}

/**
 * Untrusted HTML (feed content, titles) to plain text: scripts, styles, media, form controls and
 * hidden elements (`hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden`) and control
 * characters are dropped, entities decoded; block elements become paragraphs separated by a blank line, `<br>` a line break.
 */
export function htmlToPlainText(html: string): string {
  if (!html.includes('<')) {
    // No markup: decode the common entities here rather than build a DOM (most titles and many summaries).
    const text = decodeHtmlEntities(html);
    if (!/&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9a-fA-F]+);/.test(text))
      return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  }
  const container = fragmentDocument().createElement('div');
  container.innerHTML = html;
  const out: string[] = [];
  walk(container, out, false);
  return tidy(out.join(''));
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

/** {@link htmlToPlainText} on one line: for titles, names and categories. */
export function htmlToInlineText(html: string): string {
  return htmlToPlainText(html).replace(/\s+/g, ' ').trim();
}

/** Text that is already plain (Atom type="text", JSON Feed): control characters dropped, spaces and tabs collapsed per line. */
export function tidyPlainText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}
