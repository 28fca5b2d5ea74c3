/**
 * The last step of every briefing, whichever writer wrote it (the model or the extractive writer) and
 * before it is cached or returned: plain text only, no mention, no foreign link, word limits kept, no
 * bullet said twice. Idempotent, so a cached briefing can go through it again.
 */
import { sanitizeText } from './sanitize.js';
import { contentWords, jaccard, wordCount } from './text-tools.js';
import type { BriefingBullet, BriefingSource } from './types.js';

/** Longest headline, in words. */
export const HEADLINE_WORDS = 12;
/** Words ending in a dot that do not end a sentence: initials, initialisms, titles. */
const ABBREVIATION = /^(?:(?:\p{Lu}\.)+|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Gov|Sen|Rep|Jr|Sr|No|vs|etc)\.)$/u;
/** Bullets this alike (Jaccard of content words), or one containing the other, say the same thing. */
const NEAR_DUPLICATE = 0.6;

export interface FinishedContent {
  headline: string;
  bullets: BriefingBullet[];
  sources: BriefingSource[];
}

/** Markdown emphasis, code, headings, quotes and list markers, reduced to their text. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/```[a-z]*\s*([\s\S]*?)```/gi, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+•]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/\|\|([\s\S]*?)\|\|/g, '$1')
    .replace(/(?:\*\*|__|~~|\|\|)/g, '')
    .replace(/`/g, '');
}

/**
 * Text cut to at most `max` words at the last clause boundary (a sentence end, or , ; : – —) that keeps
 * at least half of them; else at the word limit. A cut that is not a sentence end ends in "…".
 */
export function limitWords(text: string, max: number): string {
  if (wordCount(text) <= max) return text;
  const words = text.split(/\s+/).filter(Boolean);
  const head = words.slice(0, max);
  for (let i = head.length - 1; i >= Math.ceil(max / 2) - 1; i--) {
    const word = head[i]!;
    if (/[.!?]["”’)]?$/.test(word) && !ABBREVIATION.test(word)) return head.slice(0, i + 1).join(' ');
  }
  for (let i = head.length - 1; i >= Math.ceil(max / 2) - 1; i--) {
    if (/[,;:]$/.test(head[i]!) || /^[–—]$/.test(head[i + 1] ?? ''))
      return `${head
        .slice(0, i + 1)
        .join(' ')
        .replace(/[,;:]$/, '')}…`;
  }
  return `${head.join(' ').replace(/[,;:–—-]+$/, '')}…`;
}

/** The numbers a text states, in order, as one string ("15|2005"). */
function numbersIn(text: string): string {
  return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).join('|');
}

/** Cited articles' own URLs survive link removal; everything else link-like goes. */
function cleanText(text: string, keep: readonly string[]): string {
  let out = text;
  const kept: string[] = [];
  for (const url of keep) {
    if (!out.includes(url)) continue;
    // A private-use placeholder: not a link, not Markdown, not removed as invisible.
    out = out.split(url).join(`\ue000${kept.length}\ue001`);
    kept.push(url);
  }
  out = sanitizeText(stripMarkdown(out));
  return out.replace(/\ue000(\d+)\ue001/g, (_m, i: string) => kept[Number(i)] ?? '');
}

/**
 * Cleans a briefing: Markdown stripped, mentions neutralised, links and link-like text removed unless a
 * cited article's own URL, bullets within `wordsPerBullet` and the headline within 12 words (cut at a
 * clause boundary), near-duplicate bullets merged with their citations united, empty bullets dropped,
 * and the sources still cited renumbered 1..n in order of first citation.
 */
export function finishBriefing(
  content: FinishedContent,
  limits: { wordsPerBullet: number; defaultHeadline?: string },
): FinishedContent {
  const keep = content.sources.map((s) => s.url).filter((u): u is string => Boolean(u));
  const merged: { text: string; words: Set<string>; cites: Set<number> }[] = [];
  for (const bullet of content.bullets) {
    const text = limitWords(cleanText(bullet.text, keep), limits.wordsPerBullet);
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    const words = new Set(contentWords(text));
    const lower = text.toLowerCase();
    const figures = numbersIn(text);
    const same = merged.find(
      (m) =>
        m.text.toLowerCase().includes(lower) ||
        lower.includes(m.text.toLowerCase()) ||
        // Different figures are different claims, however alike the words.
        (jaccard(m.words, words) >= NEAR_DUPLICATE && numbersIn(m.text) === figures),
    );
    if (same) {
      for (const n of bullet.cites) same.cites.add(n);
      // The fuller wording wins.
      if (text.length > same.text.length) {
        same.text = text;
        same.words = words;
      }
      continue;
    }
    merged.push({ text, words, cites: new Set(bullet.cites) });
  }
  // Renumber the sources still cited, in order of first citation.
  const byNumber = new Map(content.sources.map((s) => [s.n, s]));
  const renumber = new Map<number, number>();
  const sources: BriefingSource[] = [];
  const bullets = merged.map((m) => {
    const cites = [...m.cites]
      .filter((n) => byNumber.has(n))
      .sort((a, b) => a - b)
      .map((n) => {
        let to = renumber.get(n);
        if (to === undefined) {
          to = sources.length + 1;
          renumber.set(n, to);
          sources.push({ ...byNumber.get(n)!, n: to });
        }
        return to;
      });
    return { text: m.text, cites: cites.sort((a, b) => a - b) };
  });
  const headline =
    limitWords(cleanText(content.headline, []), HEADLINE_WORDS) ||
    limitWords(cleanText(sources[0]?.title ?? '', []), HEADLINE_WORDS) ||
    limits.defaultHeadline ||
    'News briefing';
  return { headline, bullets: bullets.filter((b) => b.cites.length), sources };
}
