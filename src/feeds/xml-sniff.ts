/** What the start of a document says about it. */
export interface XmlStart {
  /** The first element's qualified name (`rss`, `rdf:RDF`, `feed`, `html`), or null when there is none. */
  root: string | null;
  /** The DOCTYPE's text (`<!DOCTYPE html>`, at most 200 characters), when there is one before the root. */
  doctype: string | null;
  /** Where the DOCTYPE starts and ends (end exclusive), or null. */
  doctypeSpan: [number, number] | null;
  /** The first 40 characters of non-markup text found before any element (a sign of "not XML"). */
  strayText: string | null;
}

function skipPast(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from);
  return at < 0 ? text.length : at + end.length;
}

function skipDoctype(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
    else if (c === '"' || c === "'") i = !text.includes(c, i + 1) ? text.length : text.indexOf(c, i + 1);
  }
  return text.length;
}

/**
 * Reads past the BOM, XML declaration, processing instructions, comments and DOCTYPE to the first
 * element, without parsing the document. Cheap: used to choose a parser and to reject non-feeds early.
 */
export function sniffXmlStart(text: string): XmlStart {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctype: string | null = null;
  let doctypeSpan: [number, number] | null = null;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] !== '<') return { root: null, doctype, doctypeSpan, strayText: text.slice(i, i + 40) };
    if (text.startsWith('<?', i)) i = skipPast(text, i + 2, '?>');
    else if (text.startsWith('<!--', i)) i = skipPast(text, i + 4, '-->');
    else if (/^<!doctype/i.test(text.slice(i, i + 9))) {
      const end = skipDoctype(text, i + 9);
      doctype = text.slice(i, Math.min(end, i + 200));
      doctypeSpan = [i, end];
      i = end;
    } else {
      const name = /^<([^\s/>!?]+)/.exec(text.slice(i, i + 200))?.[1] ?? null;
      return { root: name, doctype, doctypeSpan, strayText: name ? null : text.slice(i, i + 40) };
    }
  }
  return { root: null, doctype, doctypeSpan, strayText: null };
}

/** Whether a document start is an HTML page (HTML doctype, or an `html`/`head`/`body` root). */
export function looksLikeHtmlPage(start: XmlStart): boolean {
  if (start.doctype && /^<!doctype\s+html\b/i.test(start.doctype)) return true;
  const local = start.root?.replace(/^.*:/, '').toLowerCase();
  return local === 'html' || local === 'head' || local === 'body';
}
