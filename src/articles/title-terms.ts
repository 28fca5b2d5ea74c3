import { TITLE_STOPWORDS } from './stopwords.js';

/** One autocomplete term found in a headline: `term` is the lower-case key, `label` the display form. */
export interface TitleTerm {
  term: string;
  label: string;
}

const ACRONYM = /^(?:\p{Lu}\.){2,}$/u; // U.S., U.K.
const EDGE_JUNK = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const POSSESSIVE = /['’]s$/iu;

/** Reduces a whitespace chunk to a candidate word; `breakAfter` when punctuation ends a phrase there. */
function toWord(chunk: string): { word: string; breakAfter: boolean } {
  if (ACRONYM.test(chunk)) return { word: chunk, breakAfter: false };
  const breakAfter = /[,:;.!?|()\[\]"“”]$/u.test(chunk) || /^[-–—|]+$/u.test(chunk);
  const word = chunk.replace(EDGE_JUNK, '').replace(POSSESSIVE, '');
  return { word, breakAfter };
}

function isTermWord(word: string): boolean {
  if (!/\p{L}/u.test(word)) return false; // numbers, dates, symbols
  if (word.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return false;
  return !TITLE_STOPWORDS.has(word.toLowerCase());
}

/**
 * Meaningful single words and two-word phrases of a headline, for autocomplete: stopwords, headline
 * fillers and numbers are dropped; a phrase never spans a stopword or punctuation ("Biden, Kadhimi"
 * gives no phrase). Terms are unique per title.
 */
export function extractTitleTerms(title: string): TitleTerm[] {
  const out = new Map<string, string>();
  let previous: string | null = null;
  for (const chunk of title.normalize('NFC').split(/\s+/u)) {
    if (!chunk) continue;
    const { word, breakAfter } = toWord(chunk);
    if (word && isTermWord(word)) {
      const key = word.toLowerCase();
      if (!out.has(key)) out.set(key, word);
      if (previous) {
        const phrase = `${previous} ${word}`;
        if (!out.has(phrase.toLowerCase())) out.set(phrase.toLowerCase(), phrase);
      }
      previous = breakAfter ? null : word;
    } else {
      previous = null;
    }
  }
  return [...out].map(([term, label]) => ({ term, label }));
}
