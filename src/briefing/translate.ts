import type { Article } from '../articles/article.js';
import type { ChatMessage } from './llm-client.js';
import { parseJsonAnswer } from './parse-output.js';
import { fill, loadPrompt, type PromptTemplate } from './prompt.js';
import type { Briefing, BriefingBullet } from './types.js';

/** The variables prompts/translate.md may use. */
export const TRANSLATE_VARIABLES = ['language', 'briefing'] as const;

/** The answer prompts/translate.md asks for (its front matter states the same schema). */
export const TRANSLATION_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['headline', 'bullets'],
  properties: {
    headline: { type: 'string' },
    bullets: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Loads prompts/translate.md, checked against the variables the engine fills and its answer schema. */
export function loadTranslatePrompt(dir?: string): PromptTemplate {
  return loadPrompt('translate', TRANSLATE_VARIABLES, dir, TRANSLATION_JSON_SCHEMA);
}

/** Briefing text as quoted data: it cannot close the <briefing> block it is quoted in. */
function quoteBriefing(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/<\s*(\/?)\s*briefing\b/gi, '‹$1briefing');
}

/** The messages that ask for `briefing` in `language`: its headline and bullets, numbered, as data. */
export function buildTranslateMessages(
  prompt: PromptTemplate,
  briefing: Pick<Briefing, 'headline' | 'bullets'>,
  language: string,
): ChatMessage[] {
  const text = [
    `headline: ${quoteBriefing(briefing.headline)}`,
    ...briefing.bullets.map((b, i) => `${i + 1}. ${quoteBriefing(b.text)}`),
  ].join('\n');
  const values = { language, briefing: text } satisfies Record<(typeof TRANSLATE_VARIABLES)[number], string>;
  return [
    { role: 'system', content: fill(prompt.system, values) },
    { role: 'user', content: fill(prompt.user, values) },
  ];
}

/**
 * The model's translation as briefing content: one text per original bullet, in order, each keeping
 * the original's citations. Null when the answer is not that (unparseable, or a bullet more or less).
 */
export function parseTranslation(
  answer: string,
  original: Pick<Briefing, 'bullets'>,
): { headline: string; bullets: BriefingBullet[] } | null {
  const parsed = parseJsonAnswer(answer) as { headline?: unknown; bullets?: unknown } | null;
  if (!parsed || typeof parsed !== 'object') return null;
  const { headline, bullets } = parsed;
  if (typeof headline !== 'string' || !Array.isArray(bullets)) return null;
  if (bullets.length !== original.bullets.length || !bullets.every((b) => typeof b === 'string')) return null;
  return {
    headline,
    bullets: bullets.map((text, i) => ({ text, cites: [...original.bullets[i]!.cites] })),
  };
}

/** The articles a briefing cites, in source order; null when one of them is no longer stored. */
export function citedArticles(
  briefing: Pick<Briefing, 'sources'>,
  get: (id: number) => Article | null,
): Article[] | null {
  const out: Article[] = [];
  for (const s of briefing.sources) {
    const a = get(s.articleId);
    if (!a) return null;
    out.push(a);
  }
  return out;
}
