import { TextDecoder } from 'node:util';

/** windows-1252's characters for bytes 0x80..0x9F (undefined bytes keep their C1 code point). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Something that decodes bytes: a TextDecoder, or our windows-1252 (see {@link decoder}). */
interface Decoder {
  decode(bytes: Uint8Array): string;
}

const windows1252: Decoder = {
  decode: (bytes) => Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!),
};

/**
 * A decoder for `label`, or null when the label is unknown. Node 20's TextDecoder reads windows-1252
 * (and the ISO-8859-1 / latin1 labels that mean it) as plain ISO-8859-1, turning “smart quotes”
 * into C1 controls, so that one encoding is decoded here.
 */
function decoder(label: string | null | undefined, fatal = false): Decoder | null {
  if (!label) return null;
  try {
    const textDecoder = new TextDecoder(label.trim().replace(/^["']|["']$/g, ''), { fatal });
    return textDecoder.encoding === 'windows-1252' ? windows1252 : textDecoder;
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Buffer): { label: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  // `<?` in UTF-16 without a BOM
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return { label: 'utf-16le', skip: 0 };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return { label: 'utf-16be', skip: 0 };
  return null;
}

/** The `charset` parameter of a Content-Type header, or null. */
function httpCharset(contentType: string | null): string | null {
  return /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '')?.[2] ?? null;
}

/** The `encoding` of an XML declaration at the very start, read as ASCII; UTF-16 labels are ignored (the bytes are 8-bit). */
function prologEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('latin1');
  const label = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1] ?? null;
  return label && !/^utf-?16/i.test(label) ? label : null;
}

/**
 * Decodes a fetched feed's bytes to text, choosing the encoding from, in order: a byte-order mark
 * (UTF-8, UTF-16; also UTF-16 `<?` without one), the HTTP Content-Type `charset`, the XML
 * declaration's `encoding` (ISO-8859-1, windows-1251, any label TextDecoder knows), else UTF-8 —
 * or, when the bytes are not valid UTF-8 and nothing was declared, windows-1252 (what undeclared
 * 8-bit feeds almost always are). Unknown labels are skipped. The result has no BOM.
 */
export function decodeFeedBytes(bytes: Buffer, contentType: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) return decoder(bom.label)!.decode(bytes.subarray(bom.skip));
  const declared = decoder(httpCharset(contentType)) ?? decoder(prologEncoding(bytes));
  if (declared) return declared.decode(bytes);
  try {
    return decoder('utf-8', true)!.decode(bytes);
  } catch {
    return decoder('windows-1252')!.decode(bytes);
  }
}
