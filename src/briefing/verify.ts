import type { Article } from '../articles/article.js';
import { Citations } from './citations.js';
import type { RawBriefing } from './parse-output.js';
import { sanitizeText } from './sanitize.js';
import type { BriefingBullet, BriefingSource } from './types.js';

export interface VerifiedContent {
  headline: string;
  bullets: BriefingBullet[];
  sources: BriefingSource[];
  /** What verification removed, for the log. */
  dropped: { unknownCitations: number; uncitedBullets: number; extraBullets: number };
}

/**
 * Checks the model's briefing against the articles it was given (prompt ids are 1-based positions in
 * `articles`): citations of ids not given are removed, bullets left with none are dropped, text is
 * sanitised, and the cited articles are renumbered 1..n in order of first citation.
 */
export function verifyBriefing(
  raw: RawBriefing,
  articles: readonly Article[],
  maxBullets: number,
): VerifiedContent {
  const dropped = { unknownCitations: 0, uncitedBullets: 0, extraBullets: 0 };
  const citations = new Citations(articles);
  const bullets: BriefingBullet[] = [];
  for (const item of raw.bullets) {
    const text = sanitizeText(item.text.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, ''));
    const valid = [...new Set(item.sources)].filter((id) => id >= 1 && id <= articles.length);
    dropped.unknownCitations += new Set(item.sources).size - valid.length;
    if (!valid.length || !text) {
      dropped.uncitedBullets += 1;
      continue;
    }
    if (bullets.length >= maxBullets) {
      dropped.extraBullets += 1;
      continue;
    }
    bullets.push({ text, cites: citations.citeAll(valid.map((id) => id - 1)) });
  }
  const { sources } = citations;
  const headline = sanitizeText(raw.headline) || sanitizeText(sources[0]?.title ?? '') || 'News briefing';
  return { headline, bullets, sources, dropped };
}
