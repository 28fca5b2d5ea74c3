/** Small language helpers for the extractive writer. */
export { contentWords, jaccard } from '../articles/same-story.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATION_END =
  /(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)\s*$/;

/** Words that start sentences and hardly ever follow "U.S." inside one ("the U.S. The law ..."). */
const SENTENCE_STARTER =
  /^["“‘(]?(?:The|A|An|It|Its|He|She|They|We|I|This|That|These|Those|There|In|On|At|But|However|And|Meanwhile|According|After|Before|When|While|If|As)\b/;
const INITIALISM_END = /(?:\b[A-Z]\.){2,}\s*$/;

/**
 * Splits text into sentences (paragraphs, blank-line separated, never share one), not breaking after
 * initials and common abbreviations ("George W. Bush", "U.S. House", "Mr. Smith"); an initialism that
 * ends a sentence ("... in the U.S. The law ...") still ends it when a usual sentence opener follows.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let pending = '';
    const segments = [...segmenter.segment(paragraph.replace(/\s+/g, ' ').trim())].map((s) => s.segment);
    for (const [i, segment] of segments.entries()) {
      pending += segment;
      const next = segments[i + 1] ?? '';
      const joined =
        ABBREVIATION_END.test(pending) && !(INITIALISM_END.test(pending) && SENTENCE_STARTER.test(next));
      if (!joined) {
        if (pending.trim()) out.push(pending.trim());
        pending = '';
      }
    }
    if (pending.trim()) out.push(pending.trim());
  }
  return out;
}

/** Number of words (whitespace-separated tokens). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
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

/** Words that make a clause a statement: auxiliaries, reporting verbs, and past forms ("-ed"). */
const VERB_LIKE =
  /\b(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|shall|should|can|could|may|might|must|said|says|say|told|tells|made|took|gave|came|went|found|left|held|became|began|saw|led|met|paid|sent|won|lost|fell|rose|hit|put|set|cut|got|kept|ran|spoke|wrote|knew|thought|brought|bought|built|struck|\p{Ll}{2,}ed)\b/u;

/** Openers of photo captions and credits. */
const CAPTION_START =
  /^(?:photo|photos|image|images|picture|pictured|caption|credit|credits|file photo|video|graphic|illustration|source|copyright|©)\b\s*[:(—–-]?/i;
const CREDIT_ANYWHERE =
  /\((?:photo|image|picture)[^)]*\)|\b(?:AP|AFP|Reuters|Getty Images|EPA|PA)\s*(?:Photo)?\s*\/|\bphoto(?:graph)?\s+(?:by|credit|courtesy)\b|\bGetty Images\b/i;

/**
 * Whether a sentence reads as a photo caption or credit rather than reporting: it starts like one
 * ("Photo:", "Image: …", "Credit …"), carries a photo credit, or, standing alone in its paragraph and
 * short, it has no verb ("Ambulances at Russell Square after the bombings.").
 */
export function isCaption(sentence: string, aloneInParagraph: boolean): boolean {
  const text = sentence.trim();
  if (CAPTION_START.test(text) || CREDIT_ANYWHERE.test(text)) return true;
  return aloneInParagraph && wordCount(text) <= 25 && !VERB_LIKE.test(text);
}

/**
 * Openers that point back at something said before ("This", "He", "The two", "But"): the sentence reads
 * wrong without the one before it.
 */
const DANGLING_START =
  /^["“‘(]?(?:this|that|these|those|he|she|it|they|them|its|his|her|hers|their|theirs|him|such|both|the two|the three|the latter|the former|but|also|however|meanwhile|moreover|furthermore|nevertheless|instead|then|there|here|another|other|others|the same)\b/i;

/** Whether a sentence leans on the one before it (starts with a pronoun or a linking word). */
export function isDangling(sentence: string): boolean {
  return DANGLING_START.test(sentence.trim());
}

const DAY_MS = 86_400_000;
const FULL_DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/** Phrases whose meaning depends on when the article was written. */
const RELATIVE_TIME = new RegExp(
  [
    String.raw`\b(?:earlier |later )?(?:today|tonight|yesterday|tomorrow)\b`,
    String.raw`\b(?:this|last|next) (?:morning|afternoon|evening|night|week|weekend|month|year|spring|summer|autumn|fall|winter)\b`,
    String.raw`\b(?:(?:on|last|next|this|since|by|until|from) )?(?:${WEEKDAYS})\b(?!,? (?:\d|${MONTHS}))`,
    String.raw`\b(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?|years?) ago\b`,
    String.raw`\b(?:this day|the day before|the previous (?:day|week|month))\b`,
  ]
    .map((p) => `(?:${p})(?:['’]s\\b)?`)
    .join('|'),
  'gi',
);

/** Whether a sentence says "today", "last week", "on Monday" or the like. */
export function hasRelativeTime(sentence: string): boolean {
  RELATIVE_TIME.lastIndex = 0;
  return RELATIVE_TIME.test(sentence);
}

/**
 * Anchors relative times to the article's date: "today" becomes "on 8 January 2005", "yesterday"
 * "on 7 January 2005"; vaguer ones ("last week", "on Monday", "two days ago") keep their words and
 * gain the date they count from: "last week (as of 8 January 2005)". Returns null when the article has
 * no date: such a sentence cannot be anchored and is better left out.
 */
export function anchorRelativeTimes(sentence: string, publishedAt: number | null): string | null {
  if (!hasRelativeTime(sentence)) return sentence;
  if (publishedAt === null) return null;
  const day = (offset: number) => FULL_DAY.format(new Date(publishedAt + offset * DAY_MS));
  return sentence.replace(RELATIVE_TIME, (phrase: string, offset: number, whole: string) => {
    const word = phrase.toLowerCase().replace(/^(?:earlier|later) /, '');
    const exact = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1 }[word];
    if (exact === undefined) return `${phrase} (as of ${day(0)})`;
    if (/['’]s$/.test(phrase)) return `${phrase} (${day(exact)})`;
    // "Today is the anniversary": the day itself is the subject, no "on".
    const subject = /^\s+(?:is|was|marks|will be)\b/.test(whole.slice(offset + phrase.length));
    const text = subject ? day(exact) : `on ${day(exact)}`;
    return /^\p{Lu}/u.test(phrase) ? text[0]!.toUpperCase() + text.slice(1) : text;
  });
}
