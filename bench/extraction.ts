/**
 * `npx tsx bench/extraction.ts`: article extraction quality and speed on the 15 pages of
 * tests/fixtures/extraction-benchmark (scrapinghub/article-extraction-benchmark, MIT), scored with
 * upstream's metric (bench/extract-metric.ts). Prints precision, recall and F1 per page and
 * averaged for (a) our pipeline (`parseHtmlArticle`: Readability on linkedom, then the cleaner) and
 * (b) Readability.js 0.6.0's own output for the same pages (upstream's, in the fixture), and the pages
 * extracted per second. Option: BENCH_EXTRACTION_ROUNDS (default 5) for the timing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { matchPage, precision, recall, summarize, type PageCounts } from './extract-metric.js';
import { parseHtmlArticle } from '../src/extract/parse-html.js';

/** tests/fixtures/extraction-benchmark. */
export const EXTRACTION_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../tests/fixtures/extraction-benchmark',
);

/** One benchmark page: its HTML, the human-written article body, and Readability.js 0.6.0's body. */
export interface BenchmarkPage {
  id: string;
  url: string;
  html: string;
  truth: string;
  readabilityJs: string;
}

type Bodies = Record<string, { articleBody?: string; url?: string }>;

/** Loads every page of the fixture (the 15 HTML files are all UTF-8). */
export function loadBenchmarkPages(dir = EXTRACTION_DIR): BenchmarkPage[] {
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bodies;
  const truth = read('ground-truth.json');
  const readability = read('readability_js-output.json');
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      url: truth[id]!.url ?? '',
      html: readFileSync(path.join(dir, 'html', `${id}.html`), 'utf8'),
      truth: truth[id]!.articleBody ?? '',
      readabilityJs: readability[id]?.articleBody ?? '',
    }));
}

/** Our pipeline's article body for a page ('' when it finds no article). */
export function extractOurs(page: BenchmarkPage): string {
  try {
    return parseHtmlArticle(page.html, { fallbackSource: 'benchmark', url: page.url }).body;
  } catch {
    return '';
  }
}

/** Scores bodies against the ground truth: per page and averaged. */
export function score(
  pages: BenchmarkPage[],
  bodies: string[],
): { perPage: PageCounts[]; precision: number; recall: number; f1: number } {
  const perPage = pages.map((page, i) => matchPage(page.truth, bodies[i] ?? ''));
  return { perPage, ...summarize(perPage) };
}

const f3 = (x: number) => x.toFixed(3);

function main(): void {
  const pages = loadBenchmarkPages();
  const rounds = Number(process.env.BENCH_EXTRACTION_ROUNDS ?? 5);
  const ours = pages.map(extractOurs);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) pages.forEach(extractOurs);
  const seconds = (performance.now() - started) / 1000;
  const a = score(pages, ours);
  const b = score(
    pages,
    pages.map((p) => p.readabilityJs),
  );
  const pageF1 = (c: PageCounts) => {
    const p = precision(c),
      r = recall(c);
    return p + r ? (2 * p * r) / (p + r) : 0;
  };
  console.log('page      host                        ours P / R / F1        Readability.js P / R / F1');
  pages.forEach((page, i) => {
    const host = new URL(page.url).hostname
      .replace(/^www\./, '')
      .slice(0, 26)
      .padEnd(26);
    const x = a.perPage[i]!;
    const y = b.perPage[i]!;
    console.log(
      `${page.id.slice(0, 8)}  ${host}  ${f3(precision(x))} ${f3(recall(x))} ${f3(pageF1(x))}    ${f3(precision(y))} ${f3(recall(y))} ${f3(pageF1(y))}`,
    );
  });
  console.log(`averaged (upstream metric, ${pages.length} pages):`);
  console.log(
    `  ours (parseHtmlArticle)     precision=${f3(a.precision)} recall=${f3(a.recall)} F1=${f3(a.f1)}`,
  );
  console.log(
    `  Readability.js 0.6.0 output precision=${f3(b.precision)} recall=${f3(b.recall)} F1=${f3(b.f1)}`,
  );
  console.log(
    `speed: ${((pages.length * rounds) / seconds).toFixed(1)} pages/s (${pages.length} pages x ${rounds}, ${(pages.reduce((n, p) => n + p.html.length, 0) / 1e6).toFixed(1)} MB of HTML per round)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
