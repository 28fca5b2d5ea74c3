import type { Article } from '../articles/article.js';
import { contentWords } from '../articles/same-story.js';

/** A near-copy adds at most this many content words (a dateline or credit line), and no new figure. */
const COPY_NEW_WORDS = 8;
/** Articles whose words and figures are kept, for judging further arrivals (the oldest are dropped). */
const MEMO_SIZE = 4_000;

interface Fingerprint {
  words: Set<string>;
  figures: Set<string>;
}

/** The figures of a text (digit groups, as written), times of day ("14:05") aside. */
export function figuresOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d+(?:[.,:]\d+)*/g)) {
    if (/^\d{1,2}:\d{2}$/.test(m[0])) continue;
    out.add(m[0]);
  }
  return out;
}

/**
 * Tells whether an article arriving after a briefing was written brings anything new: an article that
 * nearly repeats one the briefing was written from (a wire copy republished, the same report with a
 * new dateline: at most a line of new words and no new figure) does not, so the briefing still tells
 * everything the newer article set does.
 */
export class Novelty {
  readonly #memo = new Map<number, Fingerprint>();

  #print(article: Article): Fingerprint {
    const known = this.#memo.get(article.id);
    if (known) return known;
    const made = { words: new Set(contentWords(article.body)), figures: figuresOf(article.body) };
    if (this.#memo.size >= MEMO_SIZE) this.#memo.delete(this.#memo.keys().next().value!);
    this.#memo.set(article.id, made);
    return made;
  }

  /** True when `article` nearly repeats one of `known`. */
  isCopy(article: Article, known: readonly Article[]): boolean {
    const a = this.#print(article);
    return known.some((other) => {
      const b = this.#print(other);
      let newWords = 0;
      for (const w of a.words) if (!b.words.has(w) && ++newWords > COPY_NEW_WORDS) return false;
      for (const f of a.figures) if (!b.figures.has(f)) return false;
      return true;
    });
  }
}
