/** Small language helpers shared by the extractive writer and autocomplete-like features. */

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does ' +
    'doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just ' +
    'me more most my myself no nor not now of off on once only or other our ours ourselves out over own said same says she should so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom ' +
    'why will with would you your yours yourself yourselves one two new also its it’s mr mrs ms us per via will would year years'
  ).split(/\s+/),
);

/** Lower-case content words (letters and digits, 3+ chars, stopwords removed). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]/gu) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION_END = /(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)\s*$/;

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
