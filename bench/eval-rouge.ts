/**
 * `npm run eval:rouge`: ROUGE-1 and ROUGE-2 recall of the extractive writer on the WikiNews clusters M000
 * (articles M0000-M0009) and M001 (M0010-M0019) against their three human references each, beside a lead
 * baseline of the same length: the first sentences of each article in turn (round-robin, articles in the
 * order the writer gets them), cut at the writer's word count. The writer runs at the length of a
 * standard /news and at about the references' length (250 words). Data: tests/fixtures/wikinews (see
 * its NOTE.md for licences).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../src/articles/article.js';
import { extractiveBriefing } from '../src/briefing/extractive.js';
import { LENGTH_PROFILES } from '../src/briefing/lengths.js';
import { splitSentences } from '../src/briefing/text-tools.js';
import { parseTextArticle } from '../src/ingest/files/parse-text.js';
import { rougeRecall, tokens } from './rouge.js';

const DATA = path.resolve(import.meta.dirname, '../tests/fixtures/wikinews');

/** The cluster's articles, newest first (the order /news without a topic gives them to the writer). */
export function loadCluster(cluster: 'M000' | 'M001'): Article[] {
  const first = cluster === 'M000' ? 0 : 10;
  const articles = Array.from({ length: 10 }, (_, i) => {
    const name = `M${String(first + i).padStart(4, '0')}.txt`;
    const parsed = parseTextArticle(readFileSync(path.join(DATA, name), 'utf8'), {
      fallbackSource: 'Wikinews',
    });
    return { ...parsed, id: first + i + 1, contentHash: name, fetchedAt: parsed.publishedAt ?? 0 };
  });
  return articles.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || a.id - b.id);
}

export function loadReferences(cluster: 'M000' | 'M001'): string[] {
  return ['A', 'B', 'C'].map((r) =>
    readFileSync(path.join(DATA, 'references', `${cluster}-${r}.txt`), 'utf8'),
  );
}

/** First sentences of each article in turn until `words` words, cut there. */
export function leadBaseline(articles: readonly Article[], words: number): string {
  const lists = articles.map((a) => splitSentences(a.body).filter((s) => /[.!?"”]$/.test(s)));
  const out: string[] = [];
  for (let round = 0; out.length < words && lists.some((l) => l.length > round); round++)
    for (const list of lists) {
      const s = list[round];
      if (s && out.length < words) out.push(...s.split(/\s+/));
    }
  return out.slice(0, words).join(' ');
}

export function writerText(articles: readonly Article[], bullets: number, wordsPerBullet: number): string {
  return extractiveBriefing(articles, { topic: null, bullets, wordsPerBullet })
    .bullets.map((b) => b.text)
    .join(' ');
}

export interface RougeRow {
  cluster: string;
  run: string;
  words: number;
  writer: [number, number];
  lead: [number, number];
}

export function rougeRows(): RougeRow[] {
  const standard = LENGTH_PROFILES.standard;
  const runs = [
    {
      run: `standard (${standard.bullets} x ${standard.wordsPerBullet} words)`,
      bullets: standard.bullets,
      words: standard.wordsPerBullet,
    },
    { run: '~250 words (7 x 36 words)', bullets: 7, words: 36 },
  ];
  const rows: RougeRow[] = [];
  for (const cluster of ['M000', 'M001'] as const) {
    const articles = loadCluster(cluster);
    const refs = loadReferences(cluster);
    for (const r of runs) {
      const text = writerText(articles, r.bullets, r.words);
      const words = tokens(text).length;
      const lead = leadBaseline(articles, text.split(/\s+/).length);
      rows.push({
        cluster,
        run: r.run,
        words,
        writer: [rougeRecall(text, refs, 1), rougeRecall(text, refs, 2)],
        lead: [rougeRecall(lead, refs, 1), rougeRecall(lead, refs, 2)],
      });
    }
  }
  return rows;
}

const f = (n: number) => n.toFixed(3);

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(
    'ROUGE recall of the extractive writer vs a length-matched lead baseline (no stemming, 3 references)',
  );
  console.log(
    'cluster  run                                 words   writer R-1  R-2     lead R-1  R-2     R-2 >= lead',
  );
  for (const row of rougeRows())
    console.log(
      `${row.cluster.padEnd(8)} ${row.run.padEnd(35)} ${String(row.words).padStart(5)}   ${f(row.writer[0])}  ${f(row.writer[1])}   ${f(row.lead[0])}  ${f(row.lead[1])}   ${row.writer[1] >= row.lead[1] ? 'yes' : 'NO'}`,
    );
}
