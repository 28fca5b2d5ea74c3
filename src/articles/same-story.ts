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
/** Headlines need at least this much in common before their leads are compared. */
export const SOME_TITLE = 0.15;
const LEAD_WORDS = 40;

/** The lead's content words (the first 40): what two articles with somewhat alike headlines are compared by. */
export function leadWords(body: string): Set<string> {
  return new Set(contentWords(body.slice(0, 600)).slice(0, LEAD_WORDS));
}

/** What two articles are compared by: their headline's and their lead's content words. */
export interface StorySignature {
  title: Set<string>;
  lead: Set<string>;
}

export function storySignature(article: Pick<Article, 'title' | 'body'>): StorySignature {
  return {
    title: new Set(contentWords(article.title)),
    lead: leadWords(article.body),
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
