/**
 * What every article's text goes through before it is stored, whatever brought it (file, feed, page):
 * invisible control characters out, text that is not language refused with a reason, and a size cap.
 */

/** An article refused for what its text is (binary data, encoded blobs); the message says why. */
export class ArticleRejectedError extends Error {
  override readonly name = 'ArticleRejectedError';
}

/** C0/C1 controls except tab and newline, bidi embeddings/overrides/isolates, BOM, lone surrogates. */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/** Removes control and bidi-control characters (newlines and tabs stay; CR LF becomes LF). */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** A run this long without a space, made only of base64/hex/url-safe characters, is encoded data. */
const ENCODED_RUN_MIN = 80;
/** Characters that text in any language is mostly made of: letters, marks, digits, spaces, punctuation. */
const TEXTUAL = /[\p{L}\p{M}\p{N}\p{Zs}\p{P}]/u;
/** Scripts written without spaces between words: their text has few spaces and is still language. */
const SPACELESS_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** ASCII classes, by code: 1 textual, 2 also a space, 4 also a base64/hex/url-safe character. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (TEXTUAL.test(ch) || ch === '\n' || ch === '\t' || ch === '\r') ASCII[c]! |= 1;
  if (/\s/.test(ch)) ASCII[c]! |= 2;
  if (/[A-Za-z0-9+/=_-]/.test(ch)) ASCII[c]! |= 4;
}

/**
 * Why a text does not read as language, or null when it does. Judged on the share of characters that are
 * letters, digits, spaces or punctuation (random bytes decoded as text are about half symbols and
 * control codes), on the replacement character left by undecodable bytes, on the share taken by long
 * runs of base64-like characters, and on spaces (scripts written without them, such as Chinese, Japanese
 * and Thai, count as spaced). One pass over at most the first 200,000 characters, no allocation per
 * character: it runs on every stored article.
 */
export function notLanguageReason(text: string): string | null {
  const end = Math.min(text.length, 200_000);
  let chars = 0;
  let textual = 0;
  let replacement = 0;
  let spaced = 0;
  let encoded = 0;
  let run = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    chars++;
    if (code < 128) {
      const cls = ASCII[code]!;
      if (cls & 1) textual++;
      if (cls & 2) spaced++;
      if (cls & 4) {
        run++;
        continue;
      }
    } else {
      const point = text.codePointAt(i)!;
      if (point > 0xffff) i++;
      const ch = String.fromCodePoint(point);
      if (point === 0xfffd) replacement++;
      else if (TEXTUAL.test(ch)) {
        textual++;
        if (point >= 0x0e00 && SPACELESS_SCRIPT.test(ch)) spaced++;
      }
    }
    if (run >= ENCODED_RUN_MIN) encoded += run;
    run = 0;
  }
  if (run >= ENCODED_RUN_MIN) encoded += run;
  if (chars === 0) return null;
  if (replacement / chars > 0.02) return 'undecodable bytes: this is not text in a known encoding';
  if (textual / chars < 0.85) return 'mostly symbols and control codes: binary data, not an article';
  if (encoded / chars > 0.3) return 'mostly encoded data (base64 or hex), not an article';
  if (spaced / chars < 0.05) return 'no words in it: binary data, not an article';
  return null;
}

/**
 * Cuts a body longer than `maxChars` at the last paragraph (else sentence, else word) boundary before
 * the limit. Returns the text and whether it was cut.
 */
export function capText(text: string, maxChars: number): { text: string; cut: boolean } {
  if (text.length <= maxChars) return { text, cut: false };
  const head = text.slice(0, maxChars);
  const floor = Math.floor(maxChars * 0.8);
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph >= floor) return { text: head.slice(0, paragraph).trimEnd(), cut: true };
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence >= floor) return { text: head.slice(0, sentence + 1), cut: true };
  const space = head.lastIndexOf(' ');
  return { text: (space >= floor ? head.slice(0, space) : head).trimEnd(), cut: true };
}
