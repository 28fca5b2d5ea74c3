/** Small language helpers for the extractive writer. */
import { TITLE_STOPWORDS } from '../articles/stopwords.js';

/** Lower-case content words (letters and digits, 3+ chars, stopwords removed). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]/gu) ?? []).filter(
    (w) => w.length >= 3 && !TITLE_STOPWORDS.has(w),
  );
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION_END =
  /(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)\s*$/;

/** Splits text into sentences, not breaking after initials and common abbreviations ("U.S.", "Mr."). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let pending = '';
    for (const { segment } of segmenter.segment(paragraph.replace(/\s+/g, ' ').trim())) {
      pending += segment;
      if (!ABBREVIATION_END.test(pending)) {
        if (pending.trim()) out.push(pending.trim());
        pending = '';
      }
    }
    if (pending.trim()) out.push(pending.trim());
  }
  return out;
}

/** Jaccard similarity of two word sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Cuts text to at most `max` characters at a sentence end, else at a word boundary with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  for (const m of [...head.matchAll(/[.!?…]["”’)]?(?=\s)/g)].reverse()) {
    const end = m.index + m[0].length;
    if (end < max * 0.6) break;
    if (!ABBREVIATION_END.test(head.slice(0, end))) return head.slice(0, end);
  }
  const space = head.search(/\s\S*$/);
  return `${(space > 0 ? head.slice(0, space) : head).replace(/[\s,;:–-]+$/, '')}…`;
}
