import type { Article } from './article.js';
import { TITLE_STOPWORDS } from './stopwords.js';

/** Lower-case content words (letters and digits, 3+ chars, stopwords removed). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]/gu) ?? []).filter(
    (w) => w.length >= 3 && !TITLE_STOPWORDS.has(w),
  );
}

/** Jaccard similarity of two word sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Headlines this alike (Jaccard of their content words) tell the same story. */
export const SAME_TITLE = 0.34;
/** Or: headlines somewhat alike and leads (first 40 content words) this alike. */
export const SAME_LEAD = 0.3;
const SOME_TITLE = 0.15;
const LEAD_WORDS = 40;

/** What two articles are compared by: their headline's and their lead's content words. */
export interface StorySignature {
  title: Set<string>;
  lead: Set<string>;
}

export function storySignature(article: Pick<Article, 'title' | 'body'>): StorySignature {
  return {
    title: new Set(contentWords(article.title)),
    lead: new Set(contentWords(article.body).slice(0, LEAD_WORDS)),
  };
}

/**
 * Do two articles tell the same story? Headlines sharing enough words (Jaccard >= {@link SAME_TITLE}),
 * or sharing some with similar leads. Headlines weigh most, so words every article of a site repeats do
 * not merge stories. The one rule behind the store's story ids, digests and briefings.
 */
export function sameStory(a: StorySignature, b: StorySignature): boolean {
  const title = jaccard(a.title, b.title);
  return title >= SAME_TITLE || (title >= SOME_TITLE && jaccard(a.lead, b.lead) >= SAME_LEAD);
}
