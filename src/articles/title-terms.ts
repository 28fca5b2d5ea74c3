import { TITLE_STOPWORDS } from './stopwords.js';

/** One autocomplete term found in a headline: `term` is the lower-case key, `label` the display form. */
export interface TitleTerm {
  term: string;
  label: string;
  /** Starts the headline, so its capitalisation says little ("Stocks rally" vs "stocks"). */
  initial: boolean;
}

const ACRONYM = /^(?:\p{Lu}\.){2,}$/u; // U.S., U.K.
const EDGE_JUNK = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const POSSESSIVE = /['’]s$/iu;

/** Reduces a whitespace chunk to a candidate word; `breakAfter` when punctuation ends a phrase there. */
function toWord(chunk: string): { word: string; breakAfter: boolean } {
  if (ACRONYM.test(chunk)) return { word: chunk, breakAfter: false };
  const breakAfter = /[,:;.!?|()[\]"“”]$/u.test(chunk) || /^[-–—|]+$/u.test(chunk);
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
  const out = new Map<string, TitleTerm>();
  const add = (label: string, initial: boolean) => {
    const term = label.toLowerCase();
    if (!out.has(term)) out.set(term, { term, label, initial });
  };
  let previous: { word: string; initial: boolean } | null = null;
  let position = 0;
  for (const chunk of title.normalize('NFC').split(/\s+/u)) {
    if (!chunk) continue;
    const { word, breakAfter } = toWord(chunk);
    const initial = position++ === 0;
    if (word && isTermWord(word)) {
      add(word, initial);
      if (previous) add(`${previous.word} ${word}`, previous.initial);
      previous = breakAfter ? null : { word, initial };
    } else {
      previous = null;
    }
  }
  return [...out.values()];
}
