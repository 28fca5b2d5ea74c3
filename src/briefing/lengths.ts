import type { BriefingLength } from './types.js';

/** How much each briefing length asks of the writer and feeds it. */
export interface LengthProfile {
  bullets: number;
  maxBullets: number;
  wordsPerBullet: number;
  articles: number;
  /** Articles when the writer reads their notes instead of their text (notes are short: more fit). */
  notedArticles: number;
  charsPerArticle: number;
}

/** Bullets stay within 3-7 whatever the length. */
export const LENGTH_PROFILES: Record<BriefingLength, LengthProfile> = {
  short: {
    bullets: 3,
    maxBullets: 4,
    wordsPerBullet: 22,
    articles: 6,
    notedArticles: 12,
    charsPerArticle: 1_200,
  },
  standard: {
    bullets: 5,
    maxBullets: 6,
    wordsPerBullet: 32,
    articles: 10,
    notedArticles: 20,
    charsPerArticle: 2_000,
  },
  detailed: {
    bullets: 7,
    maxBullets: 7,
    wordsPerBullet: 48,
    articles: 16,
    notedArticles: 30,
    charsPerArticle: 3_200,
  },
};
