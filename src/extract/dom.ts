import { parseHTML } from 'linkedom';

/** The few DOM members this module uses (the project compiles without the DOM lib). */
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

/** The `content` attribute of the first matching `<meta>`, trimmed, or null. */
export function metaContent(doc: MiniDocument, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute?.('content')?.trim();
    if (value) return value;
  }
  return null;
}
