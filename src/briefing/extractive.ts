import type { Article } from '../articles/article.js';
import { Citations } from './citations.js';
import { sanitizeText } from './sanitize.js';
import { contentWords, jaccard, splitSentences, truncateText } from './text-tools.js';
import type { BriefingBullet, BriefingSource } from './types.js';

interface Candidate {
  article: number;
  position: number;
  text: string;
  words: Set<string>;
  score: number;
}

export interface ExtractiveOptions {
  topic: string | null;
  bullets: number;
  maxCharsPerBullet: number;
}

/** Sentences worth considering from one article: complete, informative, not too long. */
function candidates(article: Article, index: number): Omit<Candidate, 'score'>[] {
  return splitSentences(article.body)
    .map((text, position) => ({
      article: index,
      position,
      text: sanitizeText(text),
      words: new Set(contentWords(text)),
    }))
    .filter(
      (c) =>
        c.words.size >= 4 &&
        /[.!?"”’)]$/.test(c.text) &&
        c.text.split(' ').length <= 70 &&
        !c.text.endsWith('?'),
    );
}

/**
 * Writes a briefing without a language model: ranks the articles' sentences by how central their
 * words are across the articles (each article votes once per word), favouring lead sentences and the
 * topic, then picks the best ones without repeating a story, each cited to its article. Sentences that
 * say the same thing in several articles cite all of them.
 */
export function extractiveBriefing(
  articles: readonly Article[],
  options: ExtractiveOptions,
): { headline: string; bullets: BriefingBullet[]; sources: BriefingSource[] } {
  const pool = articles.flatMap((a, i) => candidates(a, i));
  const votes = new Map<string, number>();
  for (const a of articles)
    for (const w of new Set(contentWords(`${a.title} ${a.body}`))) votes.set(w, (votes.get(w) ?? 0) + 1);
  const topicWords = new Set(contentWords(options.topic ?? ''));
  const scored: Candidate[] = pool.map((c) => {
    let sum = 0;
    for (const w of c.words) sum += Math.log1p(votes.get(w) ?? 0);
    const lead = c.position === 0 ? 1.5 : c.position < 3 ? 1.2 : 1;
    const topical = [...topicWords].some((w) => c.words.has(w) || [...c.words].some((x) => x.startsWith(w)))
      ? 2
      : 1;
    // Articles come best-first (search rank or recency): earlier ones weigh more.
    const rank = 1 / (1 + 0.35 * c.article);
    // A sentence that would have to be cut to fit the bullet is worth less than one that fits whole.
    const fits = c.text.length <= options.maxCharsPerBullet ? 1 : 0.75;
    return { ...c, score: (sum / Math.sqrt(c.words.size)) * lead * topical * rank * fits };
  });
  scored.sort((a, b) => b.score - a.score);

  const chosen: Candidate[] = [];
  const perArticle = new Map<number, number>();
  for (const round of [1, 2]) {
    for (const c of scored) {
      if (chosen.length >= options.bullets) break;
      if ((perArticle.get(c.article) ?? 0) >= round || chosen.includes(c)) continue;
      if (chosen.some((s) => jaccard(s.words, c.words) > 0.45)) continue;
      chosen.push(c);
      perArticle.set(c.article, (perArticle.get(c.article) ?? 0) + 1);
    }
  }

  const citations = new Citations(articles);
  const bullets = chosen.map((c) => {
    const alsoSays = scored
      .filter((o) => o.article !== c.article && jaccard(o.words, c.words) > 0.5)
      .map((o) => o.article);
    return {
      text: truncateText(c.text, options.maxCharsPerBullet),
      cites: citations.citeAll([c.article, ...alsoSays]),
    };
  });
  if (!bullets.length) {
    for (const [i, a] of articles.slice(0, options.bullets).entries())
      bullets.push({
        text: truncateText(sanitizeText(a.title), options.maxCharsPerBullet),
        cites: [citations.cite(i)],
      });
  }
  const lead = chosen[0] ? articles[chosen[0].article] : articles[0];
  return { headline: sanitizeText(lead?.title ?? 'News briefing'), bullets, sources: citations.sources };
}
