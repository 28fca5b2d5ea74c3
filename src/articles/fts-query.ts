import { isStopword } from './stopwords.js';
import { tablePhrase, wordVariants } from './variants.js';

/** Longest user input considered, in characters; the rest is ignored. */
export const MAX_QUERY_CHARS = 512;
/** Most words used from one query. */
export const MAX_QUERY_WORDS = 12;

/** Runs of letters, digits and combining marks: what the FTS tokenizer treats as token text. */
const TOKEN_RUN = /[\p{L}\p{N}\p{M}]+/gu;
/** Characters that split words; the rest of punctuation ("-", ".", "'", "/", "&") joins a phrase word. */
const SEPARATOR = /[^\p{L}\p{N}\p{M}\-‐–.'’/&_@]+/gu;

/**
 * Splits free user text into search words. Spaces, quotes, brackets, `*`, `:`, `^`, emoji and other
 * symbols separate words; a word that still holds inner punctuation becomes a phrase of its letter/digit
 * runs, so "al-Kadhimi" is "al kadhimi" and "U.S." is "u s". FTS operators carry no meaning here.
 */
export function queryWords(input: string): string[] {
  const chars = Array.from(input.normalize('NFC'));
  let text = chars.slice(0, MAX_QUERY_CHARS).join('');
  if (chars.length > MAX_QUERY_CHARS) text = text.replace(/\S+$/u, ''); // no half word at the cut
  const words: string[] = [];
  for (const chunk of text.replace(SEPARATOR, ' ').split(/\s+/u)) {
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
 * The query's words as groups of alternatives: a place and its demonyms ("iraq" | "iraqi"), a
 * multi-word place as one group ("new zealand" | "new zealander"), any other word alone.
 */
export function queryGroups(words: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < words.length;) {
    const phrase = tablePhrase(words, i);
    if (phrase) {
      groups.push(phrase.variants);
      i += phrase.length;
    } else {
      groups.push(wordVariants(words[i]!));
      i += 1;
    }
  }
  return groups;
}

/** The groups an article must match, each in one of its variants: every non-stopword's, else all. */
export function requiredGroups(words: readonly string[]): string[][] {
  const groups = queryGroups(words);
  const content = groups.filter((g) => !(g.length === 1 && isStopword(g[0]!)));
  return content.length > 0 ? content : groups;
}

/** English endings the stemmer folds ("bombings" ~ "bomb"), dropped before counting mentions. */
const ENDING = /(?:ings?|ed|es|s)$/u;

/**
 * How often an article names the query: for each required group, its variants' occurrences in the
 * text (case and accents ignored, any ending: "bombings" counts "bomb", "bombing", "bombed"); the
 * count of the least named group. An approximation of the full-text match, for telling a subject
 * from a passing mention.
 */
export function countMentions(input: string, text: string): number {
  const groups = requiredGroups(queryWords(input));
  if (!groups.length) return 0;
  const plain = fold(text);
  let least = Number.POSITIVE_INFINITY;
  for (const group of groups) {
    const stems = group.map((v) => {
      const folded = fold(v);
      const stem = folded.length > 4 ? folded.replace(ENDING, '') : folded;
      return stem.split(' ').map(escapeRegExp).join('[^\\p{L}\\p{N}]+');
    });
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})\\p{L}*`, 'gu');
    least = Math.min(least, plain.match(re)?.length ?? 0);
  }
  return least;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a safe FTS5 MATCH expression from free user text, or null when nothing searchable is left.
 *
 * Semantics: an article matches when it contains every non-stopword of the query (in any order,
 * anywhere in title or body), each word in any of its variants (a country and its demonym: "Iraqi"
 * finds Iraq, "Britain" finds "British"); stopwords are only required when the query has nothing
 * else. When the query has several words, the exact phrase is OR-ed in, which matches nothing new but
 * lets bm25 rank articles containing the phrase ("combat mission") above those that merely contain
 * both words. Every term is a quoted string, so user input can never be read as FTS syntax.
 */
export function buildFtsQuery(input: string): string | null {
  const words = queryWords(input);
  if (words.length === 0) return null;
  const required = requiredGroups(words);
  const term = (g: readonly string[]) =>
    g.length === 1 ? ftsString(g[0]!) : `(${g.map(ftsString).join(' OR ')})`;
  const all = required.map(term).join(' AND ');
  if (words.length === 1) return all;
  const phrase = ftsString(words.join(' '));
  return required.length === 1 ? `${all} OR ${phrase}` : `(${all}) OR ${phrase}`;
}
