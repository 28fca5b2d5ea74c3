/**
 * Bounds an HTML document before any DOM is built from it, in one linear pass over the markup: nesting
 * deeper than `maxDepth` is flattened (the extra tags are dropped, their text kept), and a document with
 * more than `maxElements` elements or `maxChars` characters is cut there. Readability and every walk over
 * the tree then see a tree of bounded depth and size, whatever a hostile page sends (100,000 nested
 * `<div>`s are about 1.6 MB).
 */

/** Limits for {@link boundHtml}. */
export interface HtmlBounds {
  /** Deepest element nesting kept (default 256; real pages stay under ~60). */
  maxDepth: number;
  /** Elements kept (default 30,000; real pages have a few thousand). */
  maxElements: number;
  /** Characters of markup kept (default 4,000,000). */
  maxChars: number;
}

export const DEFAULT_HTML_BOUNDS: HtmlBounds = { maxDepth: 256, maxElements: 30_000, maxChars: 4_000_000 };

/** What {@link boundHtml} did: the markup to parse, and what it changed (null when nothing). */
export interface BoundedHtml {
  html: string;
  /** Why the document was cut short, e.g. "more than 60000 elements". */
  cut: string | null;
  /** Tags dropped for nesting deeper than maxDepth. */
  flattened: number;
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'frame',
  'basefont',
  'bgsound',
]);
/** Elements whose content is raw text up to their end tag (no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
/**
 * Open tags that close earlier elements implicitly (`<li>a<li>b`, `<td>a<td>b`): the nearest open element
 * of `closes`, unless an element of `scope` (the list or table it belongs to) is nearer.
 */
const IMPLIED_END: Record<string, { closes: ReadonlySet<string>; scope: ReadonlySet<string> }> = {};
function implied(names: string[], closes: string[], scope: string[]): void {
  for (const name of names) IMPLIED_END[name] = { closes: new Set(closes), scope: new Set(scope) };
}
implied(['li'], ['li'], ['ul', 'ol', 'menu']);
implied(['dt', 'dd'], ['dt', 'dd'], ['dl']);
implied(['option'], ['option'], ['select', 'datalist', 'optgroup']);
implied(['tr'], ['tr'], ['table', 'thead', 'tbody', 'tfoot']);
implied(['td', 'th'], ['td', 'th'], ['tr', 'table']);
implied(['thead', 'tbody', 'tfoot'], ['thead', 'tbody', 'tfoot'], ['table']);
/** Block elements whose start tag closes an open `<p>`. */
const CLOSES_P = new Set(
  'address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section table ul dd dt'.split(
    ' ',
  ),
);

/** Pops what an open tag `name` closes implicitly. */
function closeImplied(stack: string[], name: string): void {
  if (CLOSES_P.has(name)) {
    const p = stack.lastIndexOf('p');
    if (p !== -1 && p >= stack.length - 2) stack.length = p;
  }
  const rule = IMPLIED_END[name];
  if (!rule) return;
  for (let k = stack.length - 1; k >= 0; k--) {
    const open = stack[k]!;
    if (rule.scope.has(open)) return;
    if (rule.closes.has(open)) {
      stack.length = k;
      return;
    }
  }
}

/** The end of a tag starting at `start` (the index just past its `>`), skipping quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote = '';
  for (let i = start; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return html.length;
}

/** Bounds `html` (see the module comment). Linear in its length; never recursive. */
export function boundHtml(input: string, bounds: Partial<HtmlBounds> = {}): BoundedHtml {
  const { maxDepth, maxElements, maxChars } = { ...DEFAULT_HTML_BOUNDS, ...bounds };
  let cut: string | null = null;
  let html = input;
  if (html.length > maxChars) {
    html = html.slice(0, maxChars);
    cut = `longer than ${String(maxChars)} characters`;
  }
  const out: string[] = [];
  const stack: string[] = [];
  /** Open tags dropped for depth, by name: their end tags are dropped too. */
  const dropped = new Map<string, number>();
  let flattened = 0;
  let elements = 0;
  let from = 0;
  let i = html.indexOf('<');
  while (i !== -1) {
    const next = html[i + 1] ?? '';
    let end: number;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close === -1 ? html.length : close + 3;
    } else if (next === '!' || next === '?') {
      end = tagEnd(html, i + 2);
    } else if (next === '/') {
      end = tagEnd(html, i + 2);
      const name = /^<\/([a-zA-Z][^\s/>]*)/.exec(html.slice(i, Math.min(end, i + 64)))?.[1]?.toLowerCase();
      if (name) {
        const pending = dropped.get(name) ?? 0;
        if (pending > 0 && !stack.includes(name)) {
          // The end tag of a tag dropped for depth: drop it too.
          dropped.set(name, pending - 1);
          out.push(html.slice(from, i));
          from = end;
        } else {
          const at = stack.lastIndexOf(name);
          if (at !== -1) stack.length = at;
        }
      }
    } else if (/[a-zA-Z]/.test(next)) {
      end = tagEnd(html, i + 1);
      const name = /^<([a-zA-Z][^\s/>]*)/.exec(html.slice(i, Math.min(end, i + 64)))![1]!.toLowerCase();
      closeImplied(stack, name);
      const deep = stack.length >= maxDepth && !VOID.has(name) && !RAW_TEXT.has(name);
      // Tags dropped for depth do not count: they will not become elements.
      if (!deep && ++elements > maxElements) {
        cut = `more than ${String(maxElements)} elements`;
        out.push(html.slice(from, i));
        from = html.length;
        break;
      }
      const selfClosing = html[end - 2] === '/';
      if (RAW_TEXT.has(name)) {
        const closing = new RegExp(`</${name}`, 'gi');
        closing.lastIndex = end;
        const close = closing.exec(html)?.index;
        end = close === undefined ? html.length : tagEnd(html, close + 2);
      } else if (!VOID.has(name) && !selfClosing) {
        if (stack.length >= maxDepth) {
          dropped.set(name, (dropped.get(name) ?? 0) + 1);
          flattened++;
          out.push(html.slice(from, i));
          from = end;
        } else stack.push(name);
      }
    } else {
      end = i + 1; // a lone "<" in text
    }
    i = html.indexOf('<', end);
  }
  out.push(html.slice(from));
  return { html: out.join(''), cut, flattened };
}
