/**
 * `npx tsx bench/hostile.ts`: what hostile pages cost. For pages nested 1,000, 10,000 and 100,000 deep and a
 * page of 60,000 sibling elements: the time to extract each on the worker pool (median of 3), and the
 * event loop's delay (p99, max) while the pool extracts them, beside the same figures for the 15 real
 * pages of the extraction benchmark. Also the time the same pages take on the calling thread, to show
 * what the worker saves the event loop.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PageExtractor } from '../src/extract/page-extractor.js';
import { parseHtmlArticle } from '../src/extract/parse-html.js';
import { loadBenchmarkPages } from './extraction.js';

const STORY =
  '<p>The harbour reopened on Monday after repairs to the sea wall, the port authority said.</p>'.repeat(6);
const nested = (depth: number) =>
  `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<article><h1>Deep</h1>${STORY}</article>${'</div>'.repeat(depth)}</body></html>`;
const wide = (n: number) =>
  `<html><head><title>Wide</title></head><body><article><h1>Wide</h1>${STORY}${'<span>x</span>'.repeat(n)}</article></body></html>`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

async function timed<T>(run: () => Promise<T> | T): Promise<number> {
  const started = performance.now();
  try {
    await run();
  } catch {
    /* a refused page still counts its time */
  }
  return performance.now() - started;
}

/** Event-loop delay (p99, max in ms) while `work` runs. */
async function loopDelay(work: () => Promise<void>): Promise<{ p99: number; max: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await work();
  h.disable();
  return { p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}

const pages = new PageExtractor({ workers: 2 });
await pages.extract(nested(1), { fallbackSource: 'warm-up' });
const hostile: [string, string][] = [
  ['nested 1,000 deep', nested(1_000)],
  ['nested 10,000 deep', nested(10_000)],
  ['nested 100,000 deep', nested(100_000)],
  ['60,000 sibling elements', wide(60_000)],
];
console.log('hostile page                 size      worker (median of 3)   calling thread');
for (const [name, html] of hostile) {
  const worker: number[] = [];
  for (let i = 0; i < 3; i++)
    worker.push(await timed(() => pages.extract(html, { fallbackSource: 'bench' })));
  const inline = await timed(() => parseHtmlArticle(html, { fallbackSource: 'bench' }));
  console.log(
    `${name.padEnd(28)} ${`${(html.length / 1024).toFixed(0)} KB`.padEnd(9)} ${ms(median(worker)).padEnd(22)} ${ms(inline)}`,
  );
}

const real = loadBenchmarkPages();
const options = (url: string) => ({ fallbackSource: 'bench', url });
const onWorker = async (list: { html: string; url: string }[]) => {
  for (let round = 0; round < 3; round++)
    await Promise.all(list.map((p) => pages.extract(p.html, options(p.url)).catch(() => undefined)));
};
const realDelay = await loopDelay(() => onWorker(real));
const hostileDelay = await loopDelay(() => onWorker(hostile.map(([, html]) => ({ html, url: '' }))));
const inlineDelay = await loopDelay(async () => {
  for (let round = 0; round < 3; round++)
    for (const p of real) {
      try {
        parseHtmlArticle(p.html, options(p.url));
      } catch {
        /* counted as extracted */
      }
      await new Promise((r) => setImmediate(r));
    }
});
console.log('\nevent-loop delay while extracting (3 rounds)      p99        max');
console.log(
  `15 real pages on the worker pool                  ${ms(realDelay.p99).padEnd(10)} ${ms(realDelay.max)}`,
);
console.log(
  `4 hostile pages on the worker pool                ${ms(hostileDelay.p99).padEnd(10)} ${ms(hostileDelay.max)}`,
);
console.log(
  `15 real pages on the calling thread (before)      ${ms(inlineDelay.p99).padEnd(10)} ${ms(inlineDelay.max)}`,
);
await pages.close();
