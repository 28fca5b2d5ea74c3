import type { Article } from '../articles/article.js';
import type { ChatMessage } from './llm-client.js';
import type { LengthProfile } from './lengths.js';
import { fill, type PromptTemplate } from './prompt.js';
import { truncateText } from './text-tools.js';

/** The variables prompts/briefing.md may use. */
export const BRIEFING_VARIABLES = ['length_rule', 'language', 'topic', 'article_count', 'articles'] as const;

/** Article text is data: anything that could close or open our delimiters is defused. */
function quoteUntrusted(text: string): string {
  return text.replace(/<\s*(\/?)\s*article\b/gi, '‹$1article');
}

function isoDate(ms: number | null): string {
  return ms === null ? 'unknown' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** One article as the model sees it: an id, a few fields and the (shortened) text between tags. */
export function articleBlock(article: Article, id: number, maxChars: number): string {
  return [
    `<article id="${id}">`,
    `title: ${quoteUntrusted(article.title.replace(/\s+/g, ' '))}`,
    `source: ${quoteUntrusted(article.source)}`,
    `published: ${isoDate(article.publishedAt ?? article.fetchedAt)}`,
    '',
    quoteUntrusted(truncateText(article.body, maxChars)),
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

/** Renders the system and user messages for one briefing. */
export function buildBriefingMessages(
  prompt: PromptTemplate,
  input: { articles: readonly Article[]; topic: string | null; profile: LengthProfile; language: string },
): ChatMessage[] {
  const { profile } = input;
  const values = {
    length_rule: `Write ${profile.bullets} bullets (never more than ${profile.maxBullets}, fewer only if the articles hold fewer distinct facts), each at most ${profile.wordsPerBullet} words.`,
    language: input.language,
    topic: input.topic ? JSON.stringify(input.topic) : 'none (the most important news overall)',
    article_count: String(input.articles.length),
    articles: input.articles.map((a, i) => articleBlock(a, i + 1, profile.charsPerArticle)).join('\n\n'),
  } satisfies Record<(typeof BRIEFING_VARIABLES)[number], string>;
  return [
    { role: 'system', content: fill(prompt.system, values) },
    { role: 'user', content: fill(prompt.user, values) },
  ];
}
