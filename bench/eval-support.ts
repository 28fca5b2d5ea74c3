/**
 * Eval part (b): the support check on real sentences and on the same sentences perturbed.
 *
 * Set: every sentence of 8–60 words of the WikiNews corpus (../shared/corpus/wikinews/, else the copy in
 * tests/fixtures/wikinews/) and of the bundled samples, checked against its own article ("faithful"),
 * and perturbed copies of it checked against the same article ("perturbed"):
 * - number: one number (digits or a number word) replaced by another value the article does not contain;
 * - date: a day-month date's day, or a year, shifted to one the article does not contain;
 * - name: one proper noun (capitalised, not at a sentence start) swapped for a proper noun of another
 *   corpus article that the source article does not contain;
 * - quote: an invented quote (a passage of another article) attributed at the end of the sentence.
 * The perturbations are chosen by these rules with a fixed seed, before and independently of the check.
 * Prints the share of perturbed sentences caught (by kind and overall), the share of faithful ones wrongly
 * flagged, and the median time of a briefing-sized check (5 sentences).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSupport, type SupportSource } from '../src/briefing/support.js';
import { splitSentences } from '../src/briefing/text-tools.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHARED = path.resolve(ROOT, '../shared/corpus/wikinews');
const COPY = path.join(ROOT, 'tests/fixtures/wikinews');
const SAMPLES = path.join(ROOT, 'samples/articles');

interface Doc extends SupportSource {
  file: string;
  text: string;
}

function readDocs(): Doc[] {
  const wikinews = existsSync(SHARED) ? SHARED : COPY;
  const files = [
    ...readdirSync(wikinews)
      .filter((f) => /^M\d+\.txt$/.test(f))
      .map((f) => path.join(wikinews, f)),
    ...readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.txt') && !/^M\d+\.txt$/.test(f))
      .map((f) => path.join(SAMPLES, f)),
  ];
  return files.map((file, i) => {
    let text = readFileSync(file, 'utf8');
    let title = '';
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
    if (fm) {
      title = /^title:\s*(.*)$/m.exec(fm[1]!)?.[1] ?? '';
      text = text.slice(fm[0].length);
    }
    if (!title) {
      const nl = text.indexOf('\n');
      title = text.slice(0, nl).trim();
      text = text.slice(nl + 1);
    }
    return {
      file: path.basename(file),
      id: i + 1,
      contentHash: `eval-${i}`,
      title,
      body: text,
      publishedAt: null,
      text,
    };
  });
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20240610);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const NUMBER_WORDS =
  `two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
  billion`.split(/\s+/);
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const NOT_NAMES = new Set([
  ...MONTHS,
  ...'Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An In On At He She It They We I This'.split(
    ' ',
  ),
]);

function contains(doc: Doc, word: string): boolean {
  const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'iu').test(`${doc.title}\n${doc.body}`);
}

function perturbNumber(s: string, doc: Doc): string | null {
  const digits = [...s.matchAll(/(?<![\p{L}\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d\p{L}])/gu)].filter(
    // years and days of dates belong to the date perturbation
    (m) => !/^(19|20)\d\d$/.test(m[0]) && !new RegExp(`(${MONTHS.join('|')})\\s*$`).test(s.slice(0, m.index)),
  );
  const words = [...s.matchAll(new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'gi'))];
  const options = [...digits.map((m) => ({ m, word: false })), ...words.map((m) => ({ m, word: true }))];
  if (!options.length) return null;
  const { m, word } = pick(options);
  let replacement: string;
  if (word) {
    const others = NUMBER_WORDS.filter((w) => w !== m[0].toLowerCase() && !contains(doc, w));
    if (!others.length) return null;
    replacement = pick(others);
  } else {
    const n = Number(m[0].replace(/,/g, ''));
    const candidates = [n + 1, n + 2, n + 3, n * 2, n + 10, Math.max(0, n - 1), n * 10].filter(
      (c) => c !== n && !contains(doc, String(c)) && !contains(doc, c.toLocaleString('en-US')),
    );
    if (!candidates.length) return null;
    const c = pick(candidates);
    replacement = m[0].includes(',') ? c.toLocaleString('en-US') : String(c);
  }
  return s.slice(0, m.index) + replacement + s.slice(m.index + m[0].length);
}

function perturbDate(s: string, doc: Doc): string | null {
  const monthRe = MONTHS.join('|');
  const options: { start: number; end: number; replacement: string }[] = [];
  for (const m of s.matchAll(
    new RegExp(`\\b(${monthRe}) (\\d{1,2})\\b|\\b(\\d{1,2}) (${monthRe})\\b`, 'g'),
  )) {
    const month = m[1] ?? m[4]!;
    const day = Number(m[2] ?? m[3]);
    for (const shift of [1, 2, 3, -1, -2]) {
      const d = day + shift;
      if (d < 1 || d > 28) continue;
      const text = m[1] ? `${month} ${d}` : `${d} ${month}`;
      if (contains(doc, `${month} ${d}`) || contains(doc, `${d} ${month}`)) continue;
      options.push({ start: m.index, end: m.index + m[0].length, replacement: text });
      break;
    }
  }
  for (const m of s.matchAll(/\b(19|20)\d\d\b/g)) {
    for (const shift of [1, -1, 2, -2]) {
      const y = String(Number(m[0]) + shift);
      if (contains(doc, y)) continue;
      options.push({ start: m.index, end: m.index + 4, replacement: y });
      break;
    }
  }
  if (!options.length) return null;
  const o = pick(options);
  return s.slice(0, o.start) + o.replacement + s.slice(o.end);
}

/** Proper nouns of a text: capitalised words not at a sentence start. */
function properNouns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<=[\p{Ll},] )\p{Lu}\p{Ll}{2,}(?![\p{L}'’-])/gu)) {
    if (!NOT_NAMES.has(m[0])) out.push(m[0]);
  }
  return out;
}

function perturbName(s: string, doc: Doc, pool: readonly string[]): string | null {
  const here = [...s.matchAll(/(?<=[\p{Ll},] )\p{Lu}\p{Ll}{2,}(?![\p{L}'’-])/gu)].filter(
    (m) => !NOT_NAMES.has(m[0]),
  );
  if (!here.length) return null;
  const m = pick(here);
  const others = pool.filter((p) => p !== m[0] && !contains(doc, p));
  if (!others.length) return null;
  return s.slice(0, m.index) + pick(others) + s.slice(m.index + m[0].length);
}

function perturbQuote(s: string, other: string): string {
  const words = other.replace(/["“”]/g, '').split(/\s+/);
  const start = Math.floor(random() * Math.max(1, words.length - 8));
  const passage = words
    .slice(start, start + 8)
    .join(' ')
    .replace(/[.,;:]+$/, '');
  return `${s.replace(/[.!?]+["”]?$/, '')}, a spokesman said: "${passage.charAt(0).toUpperCase()}${passage.slice(1).toLowerCase()}".`;
}

const SMALL =
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty`.split(/\s+/);

/**
 * The sentence as a faithful writer may restate it (the plain variants the check must allow): small
 * numbers in words as digits and back, thousands without separators, quotes in curly marks.
 */
function plainVariant(s: string): string {
  // Quoted words stay as quoted (a quotation is copied, not restated); decimals stay digits.
  return s
    .split(/("[^"]*"|“[^”]*”)/)
    .map((part, i) =>
      i % 2
        ? part.replace(/^"([^"]*)"$/, '“$1”')
        : part
            .replace(
              /(?<![\d.,])\b(\d{1,2})\b(?![.,]\d)(?! ?(?:January|February|March|April|May|June|July|August|September|October|November|December))/g,
              (m, d: string) => (Number(d) <= 20 ? SMALL[Number(d)]! : m),
            )
            .replace(new RegExp(`\\b(${SMALL.slice(2).join('|')})\\b`, 'gi'), (w) =>
              String(SMALL.indexOf(w.toLowerCase())),
            )
            .replace(/\b(\d{1,3}),(\d{3})\b/g, '$1$2'),
    )
    .join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}% (${n}/${d})` : 'n/a';
}

function main(): void {
  const docs = readDocs();
  const sentencesOf = new Map(
    docs.map((d) => [
      d,
      splitSentences(d.body).filter((s) => {
        const n = s.split(/\s+/).length;
        return n >= 8 && n <= 60;
      }),
    ]),
  );
  const poolOf = new Map(
    docs.map((d) => [d, [...new Set(docs.filter((o) => o !== d).flatMap((o) => properNouns(o.body)))]]),
  );
  const faithful: { text: string; doc: Doc }[] = [];
  const perturbed: { kind: string; text: string; doc: Doc }[] = [];
  for (const doc of docs) {
    const others = docs.filter((o) => o !== doc).flatMap((o) => sentencesOf.get(o)!);
    for (const s of sentencesOf.get(doc)!) {
      faithful.push({ text: s, doc });
      const number = perturbNumber(s, doc);
      if (number) perturbed.push({ kind: 'number', text: number, doc });
      const date = perturbDate(s, doc);
      if (date) perturbed.push({ kind: 'date', text: date, doc });
      const name = perturbName(s, doc, poolOf.get(doc)!);
      if (name) perturbed.push({ kind: 'name', text: name, doc });
      if (random() < 0.5) perturbed.push({ kind: 'quote', text: perturbQuote(s, pick(others)), doc });
    }
  }

  // Cold: the first check of each article builds its index (once per article id and content hash).
  const cold = docs.map((d) => {
    const t0 = performance.now();
    checkSupport(sentencesOf.get(d)![0] ?? d.title, [d]);
    return performance.now() - t0;
  });
  const dropped = faithful.filter((f) => checkSupport(f.text, [f.doc]).length);
  const variants = faithful
    .map((f) => ({ ...f, text: plainVariant(f.text) }))
    .filter((v, i) => v.text !== faithful[i]!.text);
  const variantsDropped = variants.filter((f) => checkSupport(f.text, [f.doc]).length);
  const byKind = new Map<string, { caught: number; total: number }>();
  const missed: string[] = [];
  for (const p of perturbed) {
    const k = byKind.get(p.kind) ?? { caught: 0, total: 0 };
    k.total += 1;
    if (checkSupport(p.text, [p.doc]).length) k.caught += 1;
    else missed.push(`  [${p.kind}] ${p.text}`);
    byKind.set(p.kind, k);
  }
  const caught = [...byKind.values()].reduce((a, k) => a + k.caught, 0);

  // Timing: a briefing of 5 bullets, each checked against the article it comes from (indexes warm, as
  // they are after the first briefing over those articles).
  const times: number[] = [];
  for (let i = 0; i + 5 <= faithful.length; i += 5) {
    const t0 = performance.now();
    for (const f of faithful.slice(i, i + 5)) checkSupport(f.text, [f.doc]);
    times.push(performance.now() - t0);
  }

  console.log(
    `Support check (eval b): ${docs.length} articles, ${faithful.length} sentences, ${perturbed.length} perturbed`,
  );
  for (const [kind, k] of byKind)
    console.log(`  perturbed caught, ${kind.padEnd(6)}: ${pct(k.caught, k.total)}`);
  console.log(`  perturbed caught, all   : ${pct(caught, perturbed.length)}   (target >= 95%)`);
  console.log(
    `  faithful kept           : ${pct(faithful.length - dropped.length, faithful.length)}   (target >= 95%)`,
  );
  console.log(`  faithful wrongly dropped: ${pct(dropped.length, faithful.length)}`);
  console.log(
    `  faithful kept, restated with plain variants (digits/words, 1,000/1000, curly quotes): ${pct(variants.length - variantsDropped.length, variants.length)}`,
  );
  console.log(
    `  median ms per briefing-sized check (5 bullets, indexes built): ${median(times).toFixed(3)} ms`,
  );
  console.log(`  median ms to index an article (first check that cites it): ${median(cold).toFixed(3)} ms`);
  if (process.argv.includes('--verbose')) {
    console.log('Faithful sentences flagged:');
    for (const d of [...dropped, ...variantsDropped])
      console.log(`  ${JSON.stringify(checkSupport(d.text, [d.doc]))} ${d.text}`);
    console.log('Perturbed sentences missed:');
    for (const m of missed) console.log(m);
  }
}

main();
