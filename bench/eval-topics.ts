/**
 * `npm run eval:topics`: topic precision and recall of the article selection (`/news topic:...`).
 *
 * The corpus mixes unrelated material, as a real store does: the bundled samples (samples/articles:
 * 20 Wikinews texts on two stories, tsunami aid and the London bombings, and the Iraq sample), the
 * WikiNews MultiLing texts (/work/shared/corpus/wikinews, else tests/fixtures/wikinews; the same
 * texts as the samples, so they dedupe into them) and the 15 human-written article bodies of
 * tests/fixtures/extraction-benchmark (sport, business, politics, science...; titled from their URL).
 *
 * bench/eval-topics.json holds, for each query, the titles of the articles that are *about* it,
 * labelled by hand from reading the articles before any tuning. For each query the selection is what
 * a standard-length briefing would get (`selectArticles`, 10 articles, no time window so every
 * article counts); printed: selected, about, precision (share of the selected that are about the
 * topic) and recall (share of those about it that were selected), then the totals over all queries
 * (micro: pooled counts; macro: mean per query). `--dump QUERY` prints every match with its score.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/articles/database.js';
import { ArticleStore } from '../src/articles/store.js';
import { LENGTH_PROFILES } from '../src/briefing/lengths.js';
import { selectArticles } from '../src/briefing/select.js';
import { importFilesSync } from '../src/ingest/files/ingest-files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_WIKINEWS = path.resolve(ROOT, '../shared/corpus/wikinews');
const FIXTURE_WIKINEWS = path.join(ROOT, 'tests/fixtures/wikinews');
const BENCHMARK = path.join(ROOT, 'tests/fixtures/extraction-benchmark/ground-truth.json');
const LABELS = path.join(ROOT, 'bench/eval-topics.json');
/** Far in the future of every article: no time window applies, every article competes on relevance. */
const NOW = Date.UTC(2030, 0, 1);

interface Label {
  query: string;
  /** Titles of the articles about the query. */
  about: string[];
}

/** A title from a URL's last path part: "argentina-comfortably-wins-davis-cup-opener-chile" -> words. */
function titleFromUrl(url: string): string {
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  const slug = parts.reduce((best, p) => (p.split('-').length > best.split('-').length ? p : best), '');
  const words = slug
    .replace(/\.[a-z]+$/i, '')
    .split(/[-_]+/)
    .filter((w) => w && !/^\d{6,}$/.test(w));
  const text = words.join(' ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : new URL(url).hostname;
}

export function buildCorpus(): ArticleStore {
  const store = new ArticleStore({ db: openDatabase(':memory:'), now: () => NOW });
  const wikinews = existsSync(SHARED_WIKINEWS) ? SHARED_WIKINEWS : FIXTURE_WIKINEWS;
  // The article files only: the folder also holds human summaries (references/), which are not news.
  const texts = existsSync(wikinews)
    ? readdirSync(wikinews)
        .filter((f) => /^M\d+\.txt$/.test(f))
        .map((f) => path.join(wikinews, f))
    : [];
  importFilesSync(store, [path.join(ROOT, 'samples/articles'), ...texts], { backlog: true });
  const bodies = JSON.parse(readFileSync(BENCHMARK, 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  for (const { articleBody, url } of Object.values(bodies)) {
    store.upsert({
      url,
      source: new URL(url).hostname,
      title: titleFromUrl(url),
      byline: null,
      publishedAt: null,
      body: articleBody,
      imageUrl: null,
      fetchedAt: NOW - 86_400_000,
    });
  }
  return store;
}

/** What a briefing on `query` would be given; none when nothing matches (the bot says so). */
function selectTitles(store: ArticleStore, query: string, limit: number): string[] {
  try {
    return selectArticles(store, { topic: query, hours: 24, limit, now: NOW }).articles.map((a) => a.title);
  } catch {
    return [];
  }
}

function pct(x: number): string {
  return Number.isNaN(x) ? '  -  ' : x.toFixed(2);
}

function main(): void {
  const store = buildCorpus();
  const dump = process.argv.indexOf('--dump');
  if (dump >= 0) {
    const query = process.argv[dump + 1] ?? '';
    for (const a of store.search({ query, limit: 100 })) console.log(`${a.id}\t${a.title}`);
    return;
  }
  const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as { queries: Label[] };
  const limit = LENGTH_PROFILES.standard.articles;
  const all = store.list({ limit: 1000 }).map((a) => a.title);
  console.log(
    `Topic precision: ${store.count()} articles, ${labels.queries.length} labelled queries, ${limit} articles a briefing\n`,
  );
  console.log('query                 selected  about  precision  recall  off-topic picks');
  let selectedSum = 0;
  let hitSum = 0;
  let aboutSum = 0;
  const precisions: number[] = [];
  const recalls: number[] = [];
  for (const { query, about } of labels.queries) {
    for (const t of about) if (!all.includes(t)) throw new Error(`${query}: no article titled "${t}"`);
    const selected = selectTitles(store, query, limit);
    const hits = selected.filter((t) => about.includes(t));
    const precision = selected.length ? hits.length / selected.length : Number.NaN;
    const recall = about.length ? hits.length / about.length : Number.NaN;
    if (!Number.isNaN(precision)) precisions.push(precision);
    if (!Number.isNaN(recall)) recalls.push(recall);
    selectedSum += selected.length;
    hitSum += hits.length;
    aboutSum += about.length;
    const off = selected.filter((t) => !about.includes(t)).map((t) => `"${t.slice(0, 40)}"`);
    console.log(
      `${query.padEnd(22)}${String(selected.length).padStart(8)}${String(about.length).padStart(7)}` +
        `${pct(precision).padStart(11)}${pct(recall).padStart(8)}  ${off.join(', ')}`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(
    `\noverall: precision ${pct(hitSum / selectedSum)} (micro), ${pct(mean(precisions))} (macro); ` +
      `recall ${pct(hitSum / aboutSum)} (micro), ${pct(mean(recalls))} (macro); ` +
      `${hitSum} of ${selectedSum} selected articles are about their topic`,
  );
}

if (process.argv[1]?.endsWith('eval-topics.ts')) main();
