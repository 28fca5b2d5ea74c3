/**
 * The support check: every number, date, quoted passage and name a written bullet (or headline) states
 * must be found in the articles it cites. Pure string matching with plain variants ("15" ~ "fifteen",
 * "5m" ~ "5 million" ~ "5,000,000", "Iranian" ~ "Iran", case, punctuation, possessives, diacritics);
 * it cannot see a wrong relation between facts that are all in the article (who did what to whom).
 */
import type { Article } from '../articles/article.js';
import { STOPWORDS } from '../articles/stopwords.js';
import { Citations } from './citations.js';
import type { BriefingBullet, BriefingSource } from './types.js';

/** A claim of the text that none of its sources contains. */
export interface UnsupportedClaim {
  kind: 'number' | 'date' | 'quote' | 'name';
  /** The claim as written. */
  text: string;
}

/** What the check reads of an article. */
export type SupportSource = Pick<Article, 'id' | 'contentHash' | 'title' | 'body' | 'publishedAt'>;

// ---------------------------------------------------------------------------------------------------
// Words and variants

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
}; // prettier-ignore
/** Abbreviations that are also words: months only next to a day number. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_NAMES = Object.keys(MONTHS).filter(
  (m) => m.length > 4 || m === 'may' || m === 'june' || m === 'july',
);

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, dozen: 12,
}; // prettier-ignore
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, tn: 1e12,
}; // prettier-ignore
const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);

/**
 * Titles and generic words that are capitalised in front of names but carry no claim of their own
 * ("President Bush" where the article says "Bush").
 */
const TITLES = new Set(
  `mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary general gen
  senator sen governor gov mayor king queen prince princess pope chancellor chief officer judge justice
  captain capt commander sergeant sgt lieutenant lt colonel col major detective inspector constable
  superintendent rev reverend father saint st deputy foreign home state interior defence defense
  ambassador spokesman spokeswoman spokesperson chairman chairwoman director professor doctor`.split(/\s+/),
);

/**
 * Common words that start a sentence (capitalised only for that reason). A sentence-start word that
 * is none of these, no stopword and has no common-word ending is taken for a name.
 */
const COMMON_STARTERS = new Set(
  `a after although amid among another as because before besides despite during earlier every following
  however in later meanwhile more most many much nearly neither nevertheless nor now once only other
  over overall since some still such than thanks though through under unlike until when whereas while
  yet today yesterday tomorrow tonight briefing news update police officials authorities rescuers witnesses survivors investigators
  troops soldiers residents experts doctors scientists researchers lawmakers voters protesters workers
  prosecutors judges ministers leaders militants rebels forces emergency aid donations relief people
  government governments parliament courts court reports report analysts critics families victims
  passengers students teachers companies firms markets prices shares sales talks negotiators
  citizens donors charities agencies officers staff crews several both all almost about around up
  top key latest breaking new fresh further separately elsewhere also according`.split(/\s+/),
);
const COMMON_ENDING =
  /(?:ly|ing|ings|ed|ers|ors|tion|tions|sion|sions|ment|ments|ness|ies|ists|ity|ance|ence)$/;

/** Demonyms and names that no suffix rule joins: each group's phrases are variants of one another. */
const ALIAS_GROUPS: readonly string[][] = [
  ['us', 'usa', 'united states', 'america', 'american', 'americans'],
  ['uk', 'united kingdom', 'britain', 'british', 'briton', 'britons', 'great britain'],
  ['un', 'united nations'],
  ['eu', 'european union'],
  ['france', 'french'],
  ['netherlands', 'dutch', 'holland'],
  ['wales', 'welsh'],
  ['spain', 'spanish', 'spaniard', 'spaniards'],
  ['greece', 'greek', 'greeks'],
  ['switzerland', 'swiss'],
  ['denmark', 'danish', 'dane', 'danes'],
  ['thailand', 'thai', 'thais'],
  ['philippines', 'filipino', 'filipinos', 'philippine'],
  ['england', 'english'],
  ['scotland', 'scottish', 'scot', 'scots'],
  ['ireland', 'irish'],
  ['turkey', 'turkish', 'turk', 'turks'],
  ['poland', 'polish', 'pole', 'poles'],
  ['sweden', 'swedish', 'swede', 'swedes'],
  ['finland', 'finnish', 'finn', 'finns'],
  ['norway', 'norwegian', 'norwegians'],
  ['iraq', 'iraqi', 'iraqis'],
  ['israel', 'israeli', 'israelis'],
  ['pakistan', 'pakistani', 'pakistanis'],
  ['kuwait', 'kuwaiti', 'kuwaitis'],
  ['yemen', 'yemeni', 'yemenis'],
];
const ALIASES = new Map<string, string[]>();
for (const group of ALIAS_GROUPS) for (const name of group) ALIASES.set(name, group);

const SUFFIXES = [
  'ians', 'ian', 'ans', 'an', 'ese', 'ish', 'is', 'i', 'ains', 'ain', 'a', 'y', 'ies', 'es', 's', 'ers',
  'er', 'ern', 'ing', 'ed', 'ic', 'ics', 'ist', 'ists', 'ism',
]; // prettier-ignore

/** Lower case, no diacritics, typographic quotes and apostrophes made plain. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .toLowerCase();
}

/** `fold` character by character where that keeps every offset (claims are reported as written). */
function foldKeepingOffsets(text: string): string {
  return text.replace(/[^\x00-\x7F]|[A-Z]/g, (ch) => {
    const folded = fold(ch);
    return folded.length === 1 ? folded : ch;
  });
}

/** The key of a word: folded, dots and apostrophes out, possessive dropped ("U.S." -> "us", "Blair's" -> "blair"). */
function wordKey(word: string): string {
  return fold(word)
    .replace(/'s$|'$/, '')
    .replace(/['.]/g, '');
}

/** The word and its suffix-stripped stems of at least four letters ("iranian" -> iranian, iran). */
function stems(key: string): string[] {
  const out = [key];
  for (const suffix of SUFFIXES) {
    if (key.endsWith(suffix) && key.length - suffix.length >= 4) out.push(key.slice(0, -suffix.length));
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*\.?/gu;

interface Token {
  raw: string;
  key: string;
  index: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => {
    // A trailing dot belongs to an abbreviation (U.S.) only when the word already holds a dot.
    const raw = m[0].endsWith('.') && !m[0].slice(0, -1).includes('.') ? m[0].slice(0, -1) : m[0];
    return { raw, key: wordKey(raw), index: m.index };
  });
}

// ---------------------------------------------------------------------------------------------------
// Numbers and dates

interface NumberFound {
  /** Values the text can be read as (the scaled value first). */
  values: number[];
  text: string;
  start: number;
  end: number;
  /** A bare "one"/"a dozen"-like word: never a claim on its own. */
  weak: boolean;
}

interface DateFound {
  key: string;
  text: string;
  start: number;
  end: number;
  /** Token span (inclusive start, exclusive end) the date covers. */
  from: number;
  to: number;
}

const NUMBER_TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}]+|[%£$€¥]/gu;

interface NumToken {
  text: string;
  start: number;
  end: number;
}

function numberTokens(folded: string): NumToken[] {
  return [...folded.matchAll(NUMBER_TOKEN)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function valueKey(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** Numbers written in digits ("1,234", "1.5", "5m", "15%") or words ("two hundred", "a dozen"). */
function findNumbers(folded: string, toks: NumToken[] = numberTokens(folded)): NumberFound[] {
  const out: NumberFound[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (/^\d/.test(t.text)) {
      // Digits glued to letters on the left (G8, A4) are names, not amounts.
      if (t.start > 0 && /[\p{L}]/u.test(folded[t.start - 1]!)) continue;
      const base = Number(t.text.replace(/,/g, ''));
      let end = t.end;
      let j = i + 1;
      let value = base;
      const next = toks[j];
      if (next && ORDINAL_SUFFIX.has(next.text) && next.start === t.end) {
        end = next.end;
        j += 1;
      } else if (next && SCALES[next.text] !== undefined && next.start - t.end <= 1) {
        // "5m", "5 million", "1.2bn" (single letters only when glued: "5 m" is not five million)
        if (next.text.length > 2 || next.start === t.end) {
          value = base * SCALES[next.text]!;
          end = next.end;
          j += 1;
        }
      } else if (
        next &&
        /^[\p{L}]/u.test(next.text) &&
        next.start === t.end &&
        !/^(?:am|pm|s)$/.test(next.text)
      ) {
        continue; // "4x4", "3G": part of a name
      }
      out.push({
        values: value === base ? [value] : [value, base],
        text: folded.slice(t.start, end),
        start: t.start,
        end,
        weak: false,
      });
      i = j - 1;
      continue;
    }
    // number words
    if (UNITS[t.text] === undefined && !(t.text === 'a' && isScaleWord(toks[i + 1]?.text))) continue;
    let total = 0;
    let current = 0;
    let j = i;
    let last = i;
    let words = 0;
    for (; j < toks.length; j++) {
      const w = toks[j]!.text;
      if (w === 'a' && j === i) {
        current = 1;
        continue;
      }
      if (w === 'and' && words > 0 && UNITS[toks[j + 1]?.text ?? ''] !== undefined) continue;
      const unit = UNITS[w];
      const scale = SCALES[w];
      if (unit !== undefined) {
        if (w === 'dozen') current = (current || 1) * 12;
        else current += unit;
      } else if (scale !== undefined && w.length > 2) {
        if (scale === 100) current = (current || 1) * 100;
        else {
          total += (current || 1) * scale;
          current = 0;
        }
      } else break;
      words += 1;
      last = j;
    }
    if (!words) continue;
    const value = total + current;
    const text = folded.slice(t.start, toks[last]!.end);
    // "one", "a dozen" alone or "a million" are figures of speech too often to be claims.
    const weak = value <= 1 || /^a (?:dozen|hundred|thousand|million)$/.test(text);
    out.push({ values: [value], text, start: t.start, end: toks[last]!.end, weak });
    i = last;
  }
  return out;
}

function isScaleWord(w: string | undefined): boolean {
  return w === 'dozen' || w === 'hundred' || w === 'thousand' || w === 'million' || w === 'billion';
}

/** Day-month dates ("4 April", "April 4", "4th of April", "April 4th"), keyed "4-4". */
function findDates(toks: NumToken[]): DateFound[] {
  const out: DateFound[] = [];
  const day = (k: number): number | null => {
    const t = toks[k];
    if (!t || !/^\d{1,2}$/.test(t.text)) return null;
    const d = Number(t.text);
    return d >= 1 && d <= 31 ? d : null;
  };
  for (let i = 0; i < toks.length; i++) {
    const month = MONTHS[toks[i]!.text];
    if (month === undefined) continue;
    // month day
    const after = day(i + 1);
    if (after !== null) {
      const to = toks[i + 2] && ORDINAL_SUFFIX.has(toks[i + 2]!.text) ? i + 3 : i + 2;
      out.push(date(toks, month, after, i, to));
      continue;
    }
    // day (of) month
    let k = i - 1;
    if (toks[k]?.text === 'of') k -= 1;
    if (toks[k] && ORDINAL_SUFFIX.has(toks[k]!.text)) k -= 1;
    const before = day(k);
    if (before !== null) out.push(date(toks, month, before, k, i + 1));
  }
  return out;
}

function date(toks: NumToken[], month: number, d: number, from: number, to: number): DateFound {
  const start = toks[from]!.start;
  const end = toks[to - 1]!.end;
  return { key: `${month}-${d}`, text: '', start, end, from, to };
}

// ---------------------------------------------------------------------------------------------------
// Article index

interface ArticleIndex {
  /** Word keys and their stems. */
  words: Set<string>;
  /** " w1 w2 ... " of the folded text, for quotes and multi-word aliases. */
  phrase: string;
  numbers: Set<string>;
  dates: Set<string>;
}

const INDEX_CACHE = new Map<string, ArticleIndex>();
// Enough for many briefings of up to 16 articles each (an index is tens of kB).
const INDEX_CACHE_MAX = 256;

function phraseOf(text: string): string {
  return ` ${tokens(text)
    .map((t) => t.key)
    .join(' ')} `;
}

function buildIndex(article: SupportSource): ArticleIndex {
  const text = `${article.title}\n\n${article.body}`;
  const words = new Set<string>();
  for (const t of tokens(text)) {
    for (const s of stems(t.key)) words.add(s);
    if (t.key.includes('-')) for (const part of t.key.split('-')) for (const s of stems(part)) words.add(s);
  }
  const folded = fold(text);
  const toks = numberTokens(folded);
  const numbers = new Set<string>();
  for (const n of findNumbers(folded, toks)) for (const v of n.values) numbers.add(valueKey(v));
  const dates = new Set(findDates(toks).map((d) => d.key));
  if (article.publishedAt !== null) {
    // The publication date is part of what the article says ("today" in its text means that day).
    const d = new Date(article.publishedAt);
    const month = d.getUTCMonth() + 1;
    dates.add(`${month}-${d.getUTCDate()}`);
    numbers.add(valueKey(d.getUTCFullYear()));
    words.add(WEEKDAYS[d.getUTCDay()]!);
    for (const [name, m] of Object.entries(MONTHS)) if (m === month) words.add(name);
  }
  return { words, phrase: phraseOf(text), numbers, dates };
}

function indexOf(article: SupportSource): ArticleIndex {
  const key = `${article.id}:${article.contentHash}`;
  let index = INDEX_CACHE.get(key);
  if (!index) {
    index = buildIndex(article);
    if (INDEX_CACHE.size >= INDEX_CACHE_MAX) INDEX_CACHE.delete(INDEX_CACHE.keys().next().value!);
    INDEX_CACHE.set(key, index);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------------
// The check

function isSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  return !before || /[.!?:;"“”‘'([—–-]$/.test(before);
}

/** Title Case text ("Iran Seizes Fifteen Sailors"): every capitalised word is read like a sentence start. */
function isTitleCase(toks: Token[]): boolean {
  const long = toks.filter((t) => t.raw.length >= 4 && /^\p{L}/u.test(t.raw));
  return long.length >= 3 && long.filter((t) => /^\p{Lu}/u.test(t.raw)).length >= long.length * 0.8;
}

function wordSupported(key: string, indexes: readonly ArticleIndex[]): boolean {
  const alias = ALIASES.get(key);
  if (alias && indexes.some((ix) => alias.some((a) => ix.phrase.includes(` ${a} `)))) return true;
  const candidates = stems(key);
  if (key.includes('-')) {
    const parts = key.split('-').filter((p) => p.length > 2);
    if (parts.length && parts.every((p) => wordSupported(p, indexes))) return true;
  }
  return indexes.some((ix) => candidates.some((c) => ix.words.has(c)));
}

function looksCommon(key: string): boolean {
  return STOPWORDS.has(key) || COMMON_STARTERS.has(key) || TITLES.has(key) || COMMON_ENDING.test(key);
}

const QUOTE = /"([^"]+)"|“([^”]+)”|(?<![\p{L}\p{N}])‘([^’]+)’(?![\p{L}])/gu;

function checkQuotes(text: string, indexes: readonly ArticleIndex[]): UnsupportedClaim[] {
  const out: UnsupportedClaim[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const quoted = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    // An ellipsis marks a cut: each fragment must appear as written.
    const fragments = quoted
      .split(/\.\.\.|…|\[[^\]]*\]/)
      .map((f) => phraseOf(f))
      .filter((f) => f.trim());
    if (!fragments.length) continue;
    if (!fragments.every((f) => indexes.some((ix) => ix.phrase.includes(f))))
      out.push({ kind: 'quote', text: quoted });
  }
  return out;
}

/**
 * The claims of `text` that none of `cited` contains (empty when all are supported). With
 * `headline`, only numbers and names are checked (headlines paraphrase and shorten).
 */
export function checkSupport(
  text: string,
  cited: readonly SupportSource[],
  options: { headline?: boolean } = {},
): UnsupportedClaim[] {
  const indexes = cited.map(indexOf);
  const unsupported: UnsupportedClaim[] = [];
  const folded = foldKeepingOffsets(text);
  const toks = numberTokens(folded);

  // Dates first: their day numbers are not checked again as numbers.
  const dates = findDates(toks);
  const inDate = (start: number) => dates.some((d) => start >= d.start && start < d.end);
  if (!options.headline) {
    for (const d of dates) {
      if (!indexes.some((ix) => ix.dates.has(d.key)))
        unsupported.push({ kind: 'date', text: text.slice(d.start, d.end) });
    }
  }
  for (const n of findNumbers(folded, toks)) {
    if (n.weak || inDate(n.start)) continue;
    if (!indexes.some((ix) => n.values.some((v) => ix.numbers.has(valueKey(v)))))
      unsupported.push({ kind: 'number', text: text.slice(n.start, n.end) });
  }
  if (!options.headline) unsupported.push(...checkQuotes(text, indexes));

  // Names: runs of capitalised words; each word of a run must be found.
  const words = tokens(text);
  const titleCase = options.headline === true && isTitleCase(words);
  let run: Token[] = [];
  let failing: Token[] = [];
  const flush = () => {
    if (failing.length) {
      // A multi-word variant ("United States" ~ "American") covers the words it spans.
      const phrase = run.map((t) => t.key).join(' ');
      for (const [alias, group] of ALIASES) {
        if (!alias.includes(' ') || !` ${phrase} `.includes(` ${alias} `)) continue;
        if (!indexes.some((ix) => group.some((g) => ix.phrase.includes(` ${g} `)))) continue;
        const words = alias.split(' ');
        failing = failing.filter((t) => !words.includes(t.key));
      }
    }
    if (failing.length) {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      unsupported.push({ kind: 'name', text: text.slice(first.index, last.index + last.raw.length) });
    }
    run = [];
    failing = [];
  };
  for (const t of words) {
    const capitalised = /^\p{Lu}/u.test(t.raw);
    const adjacent =
      run.length > 0 && /^\s*$/.test(text.slice(run.at(-1)!.index + run.at(-1)!.raw.length, t.index));
    if (!capitalised || !adjacent) flush();
    if (!capitalised || t.key === 'i' || /^\d/.test(t.key)) continue;
    run.push(t);
    // Titles carry no claim; a month inside a date was checked with its day.
    if (TITLES.has(t.key) || (MONTHS[t.key] !== undefined && inDate(t.index))) continue;
    if (wordSupported(t.key, indexes)) continue;
    const startLike = titleCase || isSentenceStart(text, t.index);
    if (startLike && looksCommon(t.key)) continue;
    if (MONTH_NAMES.includes(t.key) || WEEKDAYS.includes(t.key)) {
      if (!options.headline) failing.push(t);
      continue;
    }
    failing.push(t);
  }
  flush();
  return unsupported;
}

// ---------------------------------------------------------------------------------------------------
// A whole briefing

export interface SupportedBriefing {
  headline: string;
  bullets: BriefingBullet[];
  sources: BriefingSource[];
  /** Bullets dropped, with the claims their sources did not contain. */
  failed: { bullet: string; claims: UnsupportedClaim[] }[];
  /** The model's headline claims that were not found (the headline was replaced). */
  headlineClaims: UnsupportedClaim[];
  /**
   * True when too little of the answer held up: none of its bullets, or fewer than half of them. An
   * answer that is mostly unsupported is not trusted for the rest either.
   */
  tooFew: boolean;
}

/**
 * Checks a verified briefing (cites numbered by `sources`, sources naming `articles` by id): drops
 * bullets with unsupported claims, renumbers the sources of the bullets kept, and replaces a headline
 * with unsupported numbers or names by `fallbackHeadline`.
 */
export function supportBriefing(
  content: { headline: string; bullets: readonly BriefingBullet[]; sources: readonly BriefingSource[] },
  articles: readonly Article[],
  fallbackHeadline: string,
): SupportedBriefing {
  const position = new Map(articles.map((a, i) => [a.id, i] as const));
  const indexesOf = (cites: readonly number[]) =>
    cites
      .map((n) => position.get(content.sources[n - 1]?.articleId ?? -1))
      .filter((i): i is number => i !== undefined);
  const citations = new Citations(articles);
  const bullets: BriefingBullet[] = [];
  const failed: SupportedBriefing['failed'] = [];
  for (const bullet of content.bullets) {
    const positions = indexesOf(bullet.cites);
    const claims = checkSupport(
      bullet.text,
      positions.map((i) => articles[i]!),
    );
    if (claims.length || !positions.length) failed.push({ bullet: bullet.text, claims });
    else bullets.push({ text: bullet.text, cites: citations.citeAll(positions) });
  }
  const cited = citations.sources.map((s) => articles[position.get(s.articleId)!]!);
  const headlineClaims = cited.length ? checkSupport(content.headline, cited, { headline: true }) : [];
  return {
    headline: headlineClaims.length ? fallbackHeadline : content.headline,
    bullets,
    sources: citations.sources,
    failed,
    headlineClaims,
    tooFew: !bullets.length || bullets.length * 2 < content.bullets.length,
  };
}
