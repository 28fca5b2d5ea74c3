import type { Article } from '../articles/article.js';
import { Citations } from './citations.js';
import { sanitizeText } from './sanitize.js';
import {
  anchorRelativeTimes,
  contentWords,
  isCaption,
  isDangling,
  jaccard,
  splitSentences,
  wordCount,
} from './text-tools.js';
import type { BriefingBullet, BriefingSource } from './types.js';

export interface ExtractiveOptions {
  topic: string | null;
  /** Most bullets (one per story). */
  bullets: number;
  /** Longest bullet in words; only whole sentences are quoted, so a bullet may be shorter. */
  wordsPerBullet: number;
}

/** Sentences read per article: leads carry the news, and long bodies must not cost quadratic time. */
const MAX_SENTENCES = 60;
/** Two sentences this alike (Jaccard of content words) say the same thing. */
const SAME_SENTENCE = 0.5;
/** A sentence this alike to one already quoted adds nothing. */
const REDUNDANT = 0.45;
/** A story's further sentences join its bullet only when they score at least this share of its first. */
const FILL_SHARE = 0.5;

interface Sentence {
  /** Anchored, sanitised text, or null when it cannot be quoted (caption, unanchorable time, ...). */
  text: string | null;
  words: Set<string>;
  dangling: boolean;
}

/** A quotable piece of one article: one sentence, or a sentence with the one its "This"/"He" points at. */
interface Unit {
  article: number;
  /** Position of the unit's first sentence among the article's quotable sentences. */
  position: number;
  text: string;
  words: Set<string>;
  wordCount: number;
  score: number;
}

function readSentences(article: Article): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of article.body.split(/\n\s*\n/)) {
    const sentences = splitSentences(paragraph.replace(/^\s*[*•–-]\s+/gm, ''));
    for (const raw of sentences) {
      if (out.length >= MAX_SENTENCES) return out;
      const clean = sanitizeText(raw);
      const words = new Set(contentWords(clean));
      const quotable =
        words.size >= 4 &&
        /[.!"”’)]$/.test(clean) &&
        !clean.endsWith('?') &&
        !clean.endsWith(':') &&
        !isCaption(clean, sentences.length === 1);
      out.push({
        text: quotable ? anchorRelativeTimes(clean, article.publishedAt) : null,
        words,
        dangling: isDangling(clean),
      });
    }
  }
  return out;
}

/** The units of one article: every quotable sentence, a dangling one only with its antecedent. */
function articleUnits(sentences: readonly Sentence[], article: number): Omit<Unit, 'score'>[] {
  const units: Omit<Unit, 'score'>[] = [];
  let position = 0;
  for (const [i, s] of sentences.entries()) {
    if (s.text === null) continue;
    const prev = i > 0 ? sentences[i - 1] : undefined;
    if (!s.dangling) {
      units.push({ article, position, text: s.text, words: s.words, wordCount: wordCount(s.text) });
    } else if (prev?.text && !prev.dangling) {
      const text = `${prev.text} ${s.text}`;
      units.push({
        article,
        position: Math.max(0, position - 1),
        text,
        words: new Set([...prev.words, ...s.words]),
        wordCount: wordCount(text),
      });
    }
    position += 1;
  }
  return units;
}

/** Title words and the first 40 content words of the body: what a story is about. */
function signature(article: Article): { title: Set<string>; lead: Set<string> } {
  return {
    title: new Set(contentWords(article.title)),
    lead: new Set(contentWords(article.body).slice(0, 40)),
  };
}

/**
 * Groups the articles into stories (0-based indexes, union-find): headlines sharing enough words,
 * headlines sharing some and similar leads, or a sentence told nearly word for word in both.
 */
function groupStories(articles: readonly Article[], sentences: readonly Sentence[][]): number[] {
  const sigs = articles.map(signature);
  const parent = articles.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const sharesSentence = (a: number, b: number) =>
    sentences[a]!.some(
      (x) =>
        x.words.size >= 6 &&
        sentences[b]!.some((y) => y.words.size >= 6 && jaccard(x.words, y.words) > SAME_SENTENCE),
    );
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      if (root(i) === root(j)) continue;
      const title = jaccard(sigs[i]!.title, sigs[j]!.title);
      const lead = jaccard(sigs[i]!.lead, sigs[j]!.lead);
      if (title >= 0.34 || (title >= 0.15 && lead >= 0.3) || sharesSentence(i, j)) parent[root(j)] = root(i);
    }
  }
  return articles.map((_, i) => root(i));
}

/**
 * Writes a briefing without a language model, one bullet per story. Sentences are ranked by how
 * central their words are across the articles (each article votes once per word), favouring lead
 * sentences, earlier (better-ranked) articles and the topic. Each story's bullet quotes its best whole
 * sentences that fit the word limit (never a cut sentence), in reading order, and cites every article
 * of the story that says what it quotes. Photo captions and credits are never quoted; a sentence whose
 * "This"/"He" points back comes with the sentence before it or not at all; relative times are anchored
 * to the article's date ("today" becomes "on 8 January 2005"), or the sentence is left out when the
 * article has no date.
 */
export function extractiveBriefing(
  articles: readonly Article[],
  options: ExtractiveOptions,
): { headline: string; bullets: BriefingBullet[]; sources: BriefingSource[] } {
  const sentences = articles.map(readSentences);
  const story = groupStories(articles, sentences);
  const votes = new Map<string, number>();
  for (const a of articles)
    for (const w of new Set(contentWords(`${a.title} ${a.body}`))) votes.set(w, (votes.get(w) ?? 0) + 1);
  const topicWords = [...new Set(contentWords(options.topic ?? ''))];

  const units: Unit[] = sentences.flatMap((list, i) =>
    articleUnits(list, i)
      .filter((u) => u.wordCount <= options.wordsPerBullet)
      .map((u) => {
        let sum = 0;
        for (const w of u.words) sum += Math.log1p(votes.get(w) ?? 0);
        const lead = u.position === 0 ? 3 : u.position === 1 ? 1.6 : u.position === 2 ? 1.3 : 1;
        const topical = topicWords.some((t) => [...u.words].some((w) => w.startsWith(t))) ? 2 : 1;
        // Articles come best-first (search rank or recency): earlier ones weigh more.
        const rank = 1 / (1 + 0.35 * u.article);
        return { ...u, score: (sum / Math.sqrt(u.words.size)) * lead * topical * rank };
      }),
  );
  units.sort((a, b) => b.score - a.score);

  // Stories in the order of their best unit; each gets one bullet of its best units that fit.
  const quoted: Unit[] = [];
  const bullets: { units: Unit[]; story: number }[] = [];
  const done = new Set<number>();
  for (const first of units) {
    if (bullets.length >= options.bullets) break;
    const id = story[first.article]!;
    if (done.has(id)) continue;
    if (quoted.some((q) => jaccard(q.words, first.words) > REDUNDANT)) continue;
    done.add(id);
    const chosen = [first];
    quoted.push(first);
    let words = first.wordCount;
    for (const u of units) {
      // Weaker sentences of the story would add less than another story's lead: not worth the words.
      if (u.score < FILL_SHARE * first.score) break;
      if (story[u.article] !== id || chosen.includes(u) || words + u.wordCount > options.wordsPerBullet)
        continue;
      if (chosen.some((c) => c.article === u.article && c.text.includes(u.text))) continue;
      if (quoted.some((q) => jaccard(q.words, u.words) > REDUNDANT || q.text.includes(u.text))) continue;
      chosen.push(u);
      quoted.push(u);
      words += u.wordCount;
    }
    bullets.push({ units: chosen, story: id });
  }

  const citations = new Citations(articles);
  const out: BriefingBullet[] = bullets.map(({ units: chosen, story: id }) => {
    // Reading order: by article rank, then position in the article.
    const ordered = [...chosen].sort((a, b) => a.article - b.article || a.position - b.position);
    const alsoSays = units
      .filter(
        (o) =>
          story[o.article] === id &&
          !chosen.some((c) => c.article === o.article) &&
          chosen.some((c) => jaccard(o.words, c.words) > SAME_SENTENCE),
      )
      .map((o) => o.article);
    return {
      text: ordered.map((u) => u.text).join(' '),
      cites: citations.citeAll([...ordered.map((u) => u.article), ...alsoSays]),
    };
  });
  if (!out.length) {
    for (const [i, a] of articles.slice(0, options.bullets).entries()) {
      const title = sanitizeText(a.title);
      if (title) out.push({ text: title, cites: [citations.cite(i)] });
    }
  }
  const leadIndex = bullets[0] ? Math.min(...bullets[0].units.map((u) => u.article)) : 0;
  const lead = articles[leadIndex];
  return {
    headline: sanitizeText(lead?.title ?? '') || 'News briefing',
    bullets: out,
    sources: citations.sources,
  };
}
