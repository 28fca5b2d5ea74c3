import { DEFAULT_BOILERPLATE_RULES, type BoilerplateRules } from './boilerplate-rules.js';

/** What to do with one line of article text. */
export type LineVerdict = 'keep' | 'drop' | 'tail';

/** Teasers and captions longer than this are treated as real text. */
const MAX_TEASER_CHARS = 200;
/** Lines longer than this are never dropped for merely containing a boilerplate phrase. */
const MAX_PHRASE_LINE_CHARS = 250;
const LEAD_JUNK = /^[\s•·*>»›→|\-–—]+/u;
const TRAIL_JUNK = /[\s:.…!>»›→|\-–—]+$/u;
/** After a teaser prefix: nothing, a separator, or a capitalised / quoted / numeric start. */
const TEASER_TAIL = /^(?:$|\s*[:|»›>→\-–—]|\s+["“‘'([\p{Lu}\p{N}])/u;
const COPYRIGHT = /^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))/iu;
const ONLY_SYMBOLS = /^[^\p{L}\p{N}]+$/u;

/** Lower-cases and strips decoration so "» READ MORE:" and "read more" compare equal. */
export function normalizeForRules(line: string): string {
  return line
    .toLowerCase()
    .replace(/[‘’`´]/gu, "'")
    .replace(LEAD_JUNK, '')
    .replace(TRAIL_JUNK, '')
    .replace(/\s+/gu, ' ');
}

/** Compiled form of {@link BoilerplateRules} for fast per-line checks. */
export class BoilerplateFilter {
  readonly #rules: BoilerplateRules;
  readonly #whole: Set<string>;
  readonly #tail: Set<string>;
  readonly #teasers: RegExp[];

  constructor(rules: BoilerplateRules = DEFAULT_BOILERPLATE_RULES) {
    this.#rules = rules;
    this.#whole = new Set(rules.wholeLines);
    this.#tail = new Set(rules.tailMarkers);
    this.#teasers = rules.teaserPrefixes.map((p) => new RegExp('^' + prefixPattern(p), 'iu'));
  }

  /**
   * Classifies one trimmed line: 'tail' for an end-of-article marker (comment form, related posts),
   * 'drop' for boilerplate, 'keep' otherwise. Blank lines are 'keep'.
   */
  classify(line: string): LineVerdict {
    const raw = line.trim();
    if (raw === '') return 'keep';
    if (ONLY_SYMBOLS.test(raw)) return 'drop'; // "* * *", "---", "|"
    const norm = normalizeForRules(raw);
    if (this.#tail.has(norm) || this.#rules.tailPatterns.some((p) => p.test(norm))) return 'tail';
    if (this.#whole.has(norm)) return 'drop';
    if (raw.length <= MAX_TEASER_CHARS && (this.#isTeaser(raw) || this.#startsWithAny(norm))) return 'drop';
    if (raw.length <= MAX_PHRASE_LINE_CHARS && COPYRIGHT.test(norm)) return 'drop';
    if (raw.length <= MAX_PHRASE_LINE_CHARS && this.#rules.phrases.some((p) => norm.includes(p)))
      return 'drop';
    return 'keep';
  }

  #isTeaser(raw: string): boolean {
    const text = raw.replace(LEAD_JUNK, '');
    for (const teaser of this.#teasers) {
      const m = teaser.exec(text);
      if (!m) continue;
      const rest = text.slice(m[0].length);
      if (/[.!?]\s+\p{Lu}/u.test(rest)) return false; // several sentences: real text
      return m[0].endsWith(':') || TEASER_TAIL.test(rest);
    }
    return false;
  }

  #startsWithAny(norm: string): boolean {
    const r = this.#rules;
    return r.captionPrefixes.some((p) => norm.startsWith(p)) || r.ctaPrefixes.some((p) => norm.startsWith(p));
  }
}

/** Regex source matching a rule prefix in raw text: any whitespace run, either apostrophe. */
function prefixPattern(prefix: string): string {
  return prefix
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/ /g, '\\s+')
    .replace(/'/g, "['’`´]");
}
