import type { Article } from '../articles/article.js';
import type { ChatMessage } from './llm-client.js';
import type { LengthProfile } from './lengths.js';
import { fill, type PromptTemplate } from './prompt.js';
import { contentWords, jaccard, truncateText } from './text-tools.js';

/** The variables prompts/briefing.md may use. */
export const BRIEFING_VARIABLES = [
  'length_rule',
  'language',
  'topic',
  'article_count',
  'articles',
  'today',
  'window',
] as const;

/** Article text is data: anything that could close or open our delimiters is defused. */
export function quoteUntrusted(text: string): string {
  return text.replace(/<\s*(\/?)\s*article\b/gi, '‹$1article');
}

/** A day as the model reads it best: "Wednesday 2 December 2026" (UTC). */
export function longDate(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(ms);
}

/**
 * An article's publication date for the model, or `undated`: the time we fetched it is not when it was
 * published (an undated page may be years old), so it is never shown.
 */
export function publishedLine(publishedAt: number | null): string {
  if (publishedAt === null || !Number.isFinite(publishedAt)) return 'published: undated';
  const iso = new Date(publishedAt).toISOString();
  return `published: ${longDate(publishedAt)}, ${iso.slice(11, 16)} UTC`;
}

/** The window line: the hours asked for, and whether nothing was that recent so older articles were taken. */
export function windowLine(window: { hours: number; widened: boolean }): string {
  const asked = window.hours % 24 === 0 ? `${window.hours / 24} day(s)` : `${window.hours} hours`;
  return window.widened
    ? `the last ${window.hours} hours (${asked}) were asked for, but nothing was published then: the window was widened, so these are the most recent articles of any age. Say when things happened; do not present them as new.`
    : `the last ${window.hours} hours (${asked}).`;
}

/**
 * One article as the model sees it: an id, a few fields, and between the tags either its notes (the
 * map step's key facts, in its own words) or, without notes, its (shortened) text.
 */
export function articleBlock(
  article: Article,
  id: number,
  maxChars: number,
  notes?: readonly string[],
  story?: number,
): string {
  return [
    `<article id="${id}">`,
    `title: ${quoteUntrusted(article.title.replace(/\s+/g, ' '))}`,
    `source: ${quoteUntrusted(article.source)}`,
    publishedLine(article.publishedAt),
    ...(story === undefined ? [] : [`story: ${story}`]),
    '',
    notes
      ? `notes:\n${notes.map((n) => `- ${quoteUntrusted(n)}`).join('\n')}`
      : quoteUntrusted(truncateText(article.body, maxChars)),
    '</article>',
  ].join('\n');
}

/** The language name for a Discord locale ("de" -> "German"); English when unknown. */
export function languageFor(locale: string | undefined): string {
  if (!locale) return 'English';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(locale.split('-')[0]!) ?? 'English';
  } catch {
    return 'English';
  }
}

/** Notes this alike (Jaccard of their content words), with the very same numbers, say the same thing. */
const SAME_NOTE = 0.8;

/** The numbers a note states, for telling "10 million" from "20 million" in notes otherwise alike. */
function numbersOf(text: string): string {
  return [...new Set(text.match(/\d[\d.,]*/g) ?? [])].sort().join(' ');
}

/**
 * The notes with repeats left out: a note that says what an earlier article of the same story already
 * said (wire copy republished, a follow-up repeating its background) is given once, and an article left
 * with nothing new says which article it repeats, so that the writer can cite both.
 */
export function withoutRepeatedNotes(
  articles: readonly Article[],
  notes: readonly (readonly string[])[],
): string[][] {
  const seen = new Map<number, { words: Set<string>; numbers: string; article: number }[]>();
  return articles.map((a, i) => {
    const story = a.storyId ?? a.id;
    const earlier = seen.get(story) ?? [];
    const kept: string[] = [];
    let repeats: number | null = null;
    for (const note of notes[i] ?? []) {
      const words = new Set(contentWords(note));
      const numbers = numbersOf(note);
      const same = earlier.find((e) => e.numbers === numbers && jaccard(e.words, words) >= SAME_NOTE);
      if (same) repeats ??= same.article;
      else {
        kept.push(note);
        earlier.push({ words, numbers, article: i + 1 });
      }
    }
    seen.set(story, earlier);
    if (!kept.length && repeats !== null) return [`reports the same facts as article ${repeats}`];
    return kept;
  });
}

/** Notes given per article of a story ranked after the briefing's most bullets. */
export const LESSER_STORY_NOTES = 2;

/** Renders the system and user messages for one briefing. */
export function buildBriefingMessages(
  prompt: PromptTemplate,
  input: {
    articles: readonly Article[];
    topic: string | null;
    profile: LengthProfile;
    language: string;
    /** Now, epoch ms (default: the clock): the prompt's "today". */
    now?: number;
    /** The hours asked for and whether the window was widened (default: 24, not widened). */
    window?: { hours: number; widened: boolean };
    /** Each article's notes, in the articles' order: given, they stand in for the article text. */
    notes?: readonly (readonly string[])[];
  },
): ChatMessage[] {
  const { profile } = input;
  const now = input.now ?? Date.now();
  // Stories numbered in the order they come: articles with one number tell one story.
  const storyNumbers = new Map<number, number>();
  for (const a of input.articles) {
    const key = a.storyId ?? a.id;
    if (!storyNumbers.has(key)) storyNumbers.set(key, storyNumbers.size + 1);
  }
  // The leading stories (as many as the briefing may have bullets) are given all their notes; the
  // stories after them, which get a bullet only when the leading ones hold too little, their first few
  // (notes come most important first).
  const notes =
    input.notes &&
    withoutRepeatedNotes(input.articles, input.notes).map((kept, i) => {
      const a = input.articles[i]!;
      const lesser = storyNumbers.get(a.storyId ?? a.id)! > profile.maxBullets;
      return lesser ? kept.slice(0, LESSER_STORY_NOTES) : kept;
    });
  const values = {
    length_rule: `Write ${profile.bullets} bullets (never more than ${profile.maxBullets}, fewer only if the articles hold fewer distinct facts), each at most ${profile.wordsPerBullet} words.`,
    language: input.language,
    topic: input.topic
      ? `${JSON.stringify(input.topic)} (leave out articles that are not about it; fewer bullets are fine)`
      : 'none: the main stories of the window, one bullet per story (articles on the same story merged)',
    article_count: String(input.articles.length),
    articles: input.articles
      .map((a, i) =>
        articleBlock(a, i + 1, profile.charsPerArticle, notes?.[i], storyNumbers.get(a.storyId ?? a.id)),
      )
      .join('\n\n'),
    today: `${longDate(now)} (${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    window: windowLine(input.window ?? { hours: 24, widened: false }),
  } satisfies Record<(typeof BRIEFING_VARIABLES)[number], string>;
  return [
    { role: 'system', content: fill(prompt.system, values) },
    { role: 'user', content: fill(prompt.user, values) },
  ];
}
