import { decodeXML } from 'entities';
import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { FeedParseError } from './feed-parse-error.js';
import { prefixRenamer } from './xml-namespaces.js';
import type { XmlStart } from './xml-sniff.js';
import { scalarText } from './xml-node.js';

/** A parsed element: attributes as `@name`, text as `#text`, children by (canonical) tag name. */
export type XmlNode = Record<string, unknown>;

/**
 * Elements whose content is kept as raw XML (see `rich-text.ts`): it may be escaped HTML, CDATA,
 * inline XHTML or sloppy unescaped HTML, and only the feed parser knows which.
 */
const RAW_ELEMENTS = ['title', 'description', 'summary', 'content', 'content:encoded', 'subtitle'];

/** A bare `&` that starts no reference; CDATA sections and comments are matched to be skipped. */
const BARE_AMPERSAND =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9A-Fa-f]+;)/g;

function escapeBareAmpersands(xml: string): string {
  return xml.replace(BARE_AMPERSAND, (m) => (m === '&' ? '&amp;' : m));
}

/**
 * Checks well-formedness. The one common real-world fault, a bare `&` in text ("AT&T"), is
 * repaired rather than fatal. Returns the (possibly repaired) text; throws FeedParseError with
 * the position of any other fault.
 */
function wellFormed(xml: string): string {
  let result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result === true) return xml;
  if (result.err.msg.includes("'&'")) {
    const repaired = escapeBareAmpersands(xml);
    result = XMLValidator.validate(repaired, { allowBooleanAttributes: false });
    if (result === true) return repaired;
  }
  const { line, col, msg } = result.err;
  throw new FeedParseError('malformed-xml', `malformed XML at line ${line}, column ${col}: ${msg}`, {
    line,
    column: col,
  });
}

/**
 * An entity decoder for fast-xml-parser that ignores every DOCTYPE-declared entity (so that
 * "billion laughs" and external entities are never expanded or fetched) and decodes only the five
 * predefined XML entities and numeric character references (`decodeXML` from the `entities`
 * package), once. Any other `&name;` is left as it is.
 */
function safeEntityDecoder(): EntityDecoderOptions {
  return {
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
    decode: decodeXML,
  };
}

/**
 * The document with its DOCTYPE blanked out (spaces, newlines kept so that positions stay right):
 * no entity it declares is ever expanded, and no external entity or DTD is ever read.
 * References to its entities stay in the text as written (`&xxe;`).
 */
function withoutDoctype(xml: string, span: [number, number] | null): string {
  if (!span) return xml;
  const [from, to] = span;
  return xml.slice(0, from) + xml.slice(from, to).replace(/[^\n]/g, ' ') + xml.slice(to);
}

/**
 * Parses a well-formed XML document into plain objects with fast-xml-parser. The DOCTYPE is
 * ignored (see {@link withoutDoctype}); only the predefined entities and numeric character
 * references are decoded ({@link safeEntityDecoder}); CDATA is text. Values stay strings. Namespace prefixes
 * are renamed to canonical ones (`xml-namespaces.ts`). Returns the root element.
 */
export function parseXmlDocument(
  xml: string,
  start: XmlStart,
  rootIsAtom: boolean,
): { name: string; node: XmlNode } {
  const text = wellFormed(withoutDoctype(xml, start.doctypeSpan));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    entityDecoder: safeEntityDecoder(),
    ignoreDeclaration: true,
    ignorePiTags: true,
    stopNodes: RAW_ELEMENTS.map((name) => `..${name}`),
    transformTagName: prefixRenamer(text, rootIsAtom),
    maxNestedTags: 200,
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (err) {
    throw new FeedParseError('malformed-xml', `malformed XML: ${(err as Error).message}`, {}, { cause: err });
  }
  const name = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  const node = name === undefined ? undefined : doc[name];
  if (name === undefined) throw new FeedParseError('not-xml', 'not XML: no root element');
  return {
    name,
    node: typeof node === 'object' && node !== null ? (node as XmlNode) : { '#text': scalarText(node) },
  };
}
