import { decodeText } from '../net/decode-text.js';

/**
 * Decodes a fetched feed's bytes to text: a byte-order mark (also UTF-16 `<?` without one), then the
 * HTTP Content-Type `charset`, then the XML declaration's `encoding` (ISO-8859-1, windows-1251, any
 * label TextDecoder knows), else UTF-8, or windows-1252 when the bytes are not valid UTF-8 and nothing
 * was declared. Unknown labels are skipped. The result has no BOM.
 */
export function decodeFeedBytes(bytes: Buffer, contentType: string | null): string {
  return decodeText(bytes, contentType, 'xml').replace(/^\ufeff/, '');
}
