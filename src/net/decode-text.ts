import { parseContentType } from './content-type.js';

/** What the body is, which decides where an in-document charset declaration is looked for. */
export type TextKind = 'xml' | 'html' | 'json' | 'text';

/** How far into an HTML document `<meta charset>` is looked for (the HTML standard's pre-scan uses 1024). */
const HTML_SCAN_BYTES = 2048;
const XML_SCAN_BYTES = 1024;

function bomEncoding(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  // `<?` written in UTF-16 without a byte order mark.
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return 'utf-16le';
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return 'utf-16be';
  return null;
}

/** windows-1252's characters for bytes 0x80..0x9F (undefined bytes keep their C1 code point). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** The encoding TextDecoder knows by this label, or null for an unknown label. */
function knownEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/**
 * A label found inside the document (read as ASCII). A document whose declaration could be read as ASCII is not
 * UTF-16, whatever it says, so UTF-16 labels mean UTF-8 here (as the HTML standard's pre-scan does).
 */
function inDocument(label: string | undefined): string | null {
  const encoding = knownEncoding(label);
  return encoding?.startsWith('utf-16') ? 'utf-8' : encoding;
}

function xmlDeclared(body: Buffer): string | null {
  const head = body.subarray(0, XML_SCAN_BYTES).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return inDocument(m?.[1]);
}

function htmlDeclared(body: Buffer): string | null {
  const head = body
    .subarray(0, HTML_SCAN_BYTES)
    .toString('latin1')
    .replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag);
    const encoding = inDocument(m?.[1]);
    if (encoding) return encoding;
  }
  // An XHTML page may carry only an XML prolog.
  return xmlDeclared(body);
}

/**
 * Node 20's TextDecoder decodes windows-1252 (which the ISO-8859-1 and latin1 labels mean, per WHATWG) as
 * plain ISO-8859-1, turning curly quotes and € into C1 controls; that one encoding is decoded here.
 */
function decodeWith(encoding: string, body: Buffer): string {
  if (encoding === 'windows-1252') {
    return body.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return new TextDecoder(encoding).decode(body);
}

/**
 * Decodes a fetched body to text, honouring its charset in this order: a byte order mark, the `charset` parameter
 * of the Content-Type header, then the document's own declaration (the XML prolog `encoding="..."`, or for HTML
 * `<meta charset>` / `<meta http-equiv content="...; charset=...">` in the first 2 KB). Unknown labels are
 * skipped. With no usable declaration the text is UTF-8, unless the bytes are not valid UTF-8, in which case they
 * are read as windows-1252 (the usual undeclared legacy encoding; a superset of ISO-8859-1 for text). Never throws
 * on bad bytes: they become U+FFFD.
 */
export function decodeText(body: Buffer, contentType: string | null, kind: TextKind): string {
  const declared =
    bomEncoding(body) ??
    knownEncoding(parseContentType(contentType)?.charset) ??
    (kind === 'xml' ? xmlDeclared(body) : kind === 'html' ? htmlDeclared(body) : null);
  if (declared) return decodeWith(declared, body);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWith('windows-1252', body);
  }
}
