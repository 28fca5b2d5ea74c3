import { isStopword } from './stopwords.js';

/** Longest user input considered, in characters; the rest is ignored. */
export const MAX_QUERY_CHARS = 512;
/** Most words used from one query. */
export const MAX_QUERY_WORDS = 12;

/** Runs of letters, digits and combining marks: what the FTS tokenizer treats as token text. */
const TOKEN_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Splits free user text into search words. Each word is a whitespace-separated chunk reduced to its
 * letter/digit runs, so "al-Kadhimi" becomes the two-token word "al kadhimi" and "U.S." becomes "u s".
 * FTS operators, quotes, column filters and emoji carry no meaning here: they are plain separators.
 */
export function queryWords(input: string): string[] {
  const text = Array.from(input.normalize('NFC')).slice(0, MAX_QUERY_CHARS).join('');
  const words: string[] = [];
  for (const chunk of text.split(/\s+/u)) {
    const runs = chunk.toLowerCase().match(TOKEN_RUN);
    if (!runs) continue;
    const word = runs.join(' ');
    if (!words.includes(word)) words.push(word);
    if (words.length >= MAX_QUERY_WORDS) break;
  }
  return words;
}

/** Quotes text as an FTS5 string literal (the tokenizer then splits it into a phrase). */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Builds a safe FTS5 MATCH expression from free user text, or null when nothing searchable is left.
 *
 * Semantics: an article matches when it contains every non-stopword of the query (in any order,
 * anywhere in title or body); stopwords are only required when the query has nothing else. When the
 * query has several words, the exact phrase is OR-ed in, which matches nothing new but lets bm25
 * rank articles containing the phrase ("combat mission") above those that merely contain both words.
 * Every term is a quoted string, so user input can never be read as FTS syntax.
 */
export function buildFtsQuery(input: string): string | null {
  const words = queryWords(input);
  if (words.length === 0) return null;
  const content = words.filter((w) => !isStopword(w));
  const required = content.length > 0 ? content : words;
  const all = required.map(ftsString).join(' AND ');
  if (words.length === 1) return all;
  const phrase = ftsString(words.join(' '));
  return required.length === 1 ? `${all} OR ${phrase}` : `(${all}) OR ${phrase}`;
}
