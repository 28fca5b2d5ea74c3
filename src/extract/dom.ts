import { parseHTML } from 'linkedom';

/** The few DOM members this project uses (it compiles without the DOM lib). */
export interface MiniNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MiniNode>;
  getAttribute?(name: string): string | null;
}

/** A parsed HTML document, typed minimally. */
export interface MiniDocument {
  body: MiniNode | null;
  querySelector(selector: string): MiniNode | null;
}

/** Parses an HTML string with linkedom. The result can also be handed to Readability. */
export function parseHtmlDocument(html: string): MiniDocument {
  // linkedom's types name DOM lib types this project does not load: say what we use of them.
  return (parseHTML(html) as unknown as { document: MiniDocument }).document;
}

/** The document fragments are parsed in (an element's innerHTML): one, made on first use, cheaper than a document per call. */
let fragmentDoc: { createElement(tag: string): MiniNode & { innerHTML: string } } | null = null;

/** Parses an HTML fragment (feed content, Readability's output) as the children of a detached `<div>`. */
export function parseHtmlFragment(html: string): MiniNode {
  fragmentDoc ??= (
    parseHTML('<!DOCTYPE html><html><body></body></html>') as unknown as {
      document: NonNullable<typeof fragmentDoc>;
    }
  ).document;
  const container = fragmentDoc.createElement('div');
  container.innerHTML = html;
  return container;
}

/** The `content` attribute of the first matching `<meta>`, trimmed, or null. */
export function metaContent(doc: MiniDocument, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute?.('content')?.trim();
    if (value) return value;
  }
  return null;
}
