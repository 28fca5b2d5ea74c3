/**
 * Cost over a simulated day: what the LLM is sent by newsdesk (notes once per article, briefings from
 * notes, cached and shared) against a naive bot that sends the chosen articles whole on every request.
 *
 *  - 300 articles arrive evenly over the day: real texts (the 20 WikiNews articles of tests/fixtures and
 *    the 15 real news pages of the extraction benchmark), each reported several times, so stories have
 *    several articles, as with real feeds: alternately a wire copy re-dated (nothing new) and a
 *    follow-up that adds a line with a new figure;
 *  - 50 servers, 200 /news each at random times, over 20 topics (the corpus's most frequent headline terms,
 *    Zipf-distributed), in 3 locales (en, de, fr); one digest per server at a random time;
 *  - the fake LLM from tests/support answers over HTTP through the real openai SDK; the tokens counted for
 *    both bots are characters / 4 of the messages sent (the same estimate for both, so the ratio is fair).
 *
 * One run, seeded; prints calls, input tokens, the ratio, and how many articles a briefing covers.
 * Options: COST_SERVERS (50), COST_REQUESTS (200 per server), COST_ARTICLES (300).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/articles/database.js';
import { ArticleStore } from '../src/articles/store.js';
import { Briefings } from '../src/briefing/briefings.js';
import { LENGTH_PROFILES } from '../src/briefing/lengths.js';
import { LlmClient } from '../src/briefing/llm-client.js';
import { NotesWriter, type ArticleNotes } from '../src/briefing/notes.js';
import { selectArticles } from '../src/briefing/select.js';
import type { Briefing } from '../src/briefing/types.js';
import { createCache } from '../src/cache/create-cache.js';
import { parseHtmlArticle } from '../src/extract/parse-html.js';
import { parseArticleFile } from '../src/ingest/files/parse-file.js';
import { createLogger } from '../src/logger.js';
import { FakeLlm } from '../tests/support/fake-llm.js';
import { loadBenchmarkPages } from './extraction.js';

const SERVERS = Number(process.env.COST_SERVERS ?? 50);
const REQUESTS = Number(process.env.COST_REQUESTS ?? 200);
const ARTICLES = Number(process.env.COST_ARTICLES ?? 300);
const TOPICS = 20;
/** The defaults of BRIEFING_REFRESH_MINUTES and BRIEFING_TRANSLATE (COST_REFRESH_MINUTES=0 to compare). */
const REFRESH_MINUTES = Number(process.env.COST_REFRESH_MINUTES ?? 15);
const TRANSLATE = process.env.COST_TRANSLATE !== '0';
const LOCALES = ['en-GB', 'de', 'fr'] as const;
const DAY = 86_400_000;
const START = Date.parse('2026-12-01T00:00:00Z');

/** A small seeded generator (mulberry32): the same simulated day on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The base texts: real articles, title and body. */
function baseTexts(): { title: string; source: string; body: string }[] {
  const wikinews = path.resolve(import.meta.dirname, '../tests/fixtures/wikinews');
  const fromWikinews = readdirSync(wikinews)
    .filter((f) => /^M\d+\.txt$/.test(f))
    .flatMap((f) =>
      parseArticleFile(f, readFileSync(path.join(wikinews, f), 'utf8'), 'Wikinews').flatMap((e) =>
        'error' in e ? [] : [e.article],
      ),
    );
  const fromPages = loadBenchmarkPages().flatMap((page) => {
    try {
      const a = parseHtmlArticle(page.html, { fallbackSource: 'News site', url: page.url });
      return a.body.length > 400 ? [a] : [];
    } catch {
      return [];
    }
  });
  return [...fromWikinews, ...fromPages].map((a) => ({ title: a.title, source: a.source, body: a.body }));
}

const tokens = (chars: number) => Math.ceil(chars / 4);

async function main(): Promise<void> {
  const rand = random(20261201);
  let now = START;
  const clock = () => now;
  const logger = createLogger({ level: 'silent' });
  const llm = await FakeLlm.start();
  const db = openDatabase(':memory:');
  const store = new ArticleStore({ db, now: clock });
  const cache = createCache<Briefing | ArticleNotes>({ url: 'memory://', logger, ttlMs: DAY });
  const client = new LlmClient({
    baseURL: llm.baseURL,
    apiKey: 'sk-bench',
    model: 'fake-model',
    timeoutMs: 30_000,
    maxRetries: 0,
    responseFormat: 'json_schema',
    logger,
  });
  const notes = new NotesWriter({
    llm: client,
    logger,
    now: clock,
    cache: {
      get: async (k) => {
        const v = await cache.cache.get(k);
        return v && 'notes' in v ? v : undefined;
      },
      set: (k, v) => cache.cache.set(k, v),
    },
  });
  const briefings = new Briefings({
    articles: store,
    llm: client,
    notes,
    logger,
    maxArticles: 30,
    refreshMs: REFRESH_MINUTES * 60_000,
    translate: TRANSLATE,
    now: clock,
    cache: {
      get: async (k) => {
        const v = await cache.cache.get(k);
        return v && 'bullets' in v ? v : undefined;
      },
      set: (k, v) => cache.cache.set(k, v),
    },
  });

  // The day's events, in time order: arrivals, requests, digests.
  const bases = baseTexts();
  type Event =
    | { at: number; kind: 'article'; n: number }
    | { at: number; kind: 'news'; server: number; topic: number; locale: string }
    | { at: number; kind: 'digest'; server: number; locale: string };
  const events: Event[] = [];
  for (let n = 0; n < ARTICLES; n++) events.push({ at: START + (n * DAY) / ARTICLES, kind: 'article', n });
  // Topics: the most frequent headline words of the corpus, Zipf-weighted.
  const counts = new Map<string, number>();
  for (const b of bases)
    for (const w of new Set(b.title.toLowerCase().match(/[a-z]{4,}/g) ?? []))
      counts.set(w, (counts.get(w) ?? 0) + 1);
  const topics = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOPICS)
    .map(([w]) => w);
  const zipf = topics.map((_, k) => 1 / (k + 1));
  const zipfTotal = zipf.reduce((a, b) => a + b, 0);
  const pickTopic = () => {
    let r = rand() * zipfTotal;
    for (let k = 0; k < zipf.length; k++) if ((r -= zipf[k]!) <= 0) return k;
    return zipf.length - 1;
  };
  for (let s = 0; s < SERVERS; s++) {
    for (let i = 0; i < REQUESTS; i++)
      events.push({
        at: START + rand() * DAY,
        kind: 'news',
        server: s,
        topic: pickTopic(),
        locale: LOCALES[Math.floor(rand() * LOCALES.length)]!,
      });
    events.push({
      at: START + rand() * DAY,
      kind: 'digest',
      server: s,
      locale: LOCALES[s % LOCALES.length]!,
    });
  }
  events.sort((a, b) => a.at - b.at);

  const profile = LENGTH_PROFILES.standard;
  const naive = { calls: 0, input: 0 };
  const covered: number[] = [];
  const systemChars = briefings.prompt.system.length + 400;
  let answered = 0;
  let empty = 0;
  for (const e of events) {
    now = e.at;
    if (e.kind === 'article') {
      const base = bases[e.n % bases.length]!;
      const round = Math.floor(e.n / bases.length);
      store.upsert({
        url: `https://news.example/${e.n}`,
        source: round % 2 ? `${base.source} (wire)` : base.source,
        title: round ? `${base.title}: update ${round}` : base.title,
        byline: null,
        publishedAt: now,
        imageUrl: null,
        // Odd rounds: a wire copy, re-dated (nothing new); even rounds: a follow-up with a new figure.
        body:
          round % 2
            ? `${base.body}\n\nThis report was republished at ${new Date(now).toISOString().slice(11, 16)} UTC.`
            : `${base.body}\n\nUpdate ${round} of this report was filed at ${new Date(now).toISOString().slice(11, 16)} UTC.`,
      });
      continue;
    }
    const request = {
      topic: e.kind === 'news' ? topics[e.topic]! : null,
      hours: 24,
      length: 'standard' as const,
      locale: e.locale,
      guildId: `server-${e.server}`,
    };
    // The naive bot: the chosen articles, whole, in one call per request.
    let chosen;
    try {
      chosen = selectArticles(store, { ...request, limit: profile.articles, now }).articles;
    } catch {
      empty += 1;
      continue;
    }
    naive.calls += 1;
    naive.input += tokens(
      systemChars + chosen.reduce((sum, a) => sum + a.title.length + a.body.length + 80, 0),
    );
    const result =
      e.kind === 'news'
        ? await briefings.get(request)
        : await briefings.forArticles(store.recent({ since: now - DAY, limit: 60 }), request);
    answered += 1;
    covered.push(result.briefing.articleCount);
  }

  let input = 0;
  let notesInput = 0;
  let translateInput = 0;
  for (const r of llm.requests) {
    const chars = (r.body.messages ?? []).reduce(
      (sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0),
      0,
    );
    input += tokens(chars);
    const format = JSON.stringify(r.body.response_format ?? {});
    if (format.includes('"notes"')) notesInput += tokens(chars);
    if (format.includes('"translation"')) translateInput += tokens(chars);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  const rows: [string, string][] = [
    [
      'settings',
      `BRIEFING_REFRESH_MINUTES=${REFRESH_MINUTES}, BRIEFING_TRANSLATE=${TRANSLATE ? 1 : 0}, BRIEFING_MAX_ARTICLES=30`,
    ],
    [
      'simulated day',
      `${SERVERS} servers × ${REQUESTS} /news over ${TOPICS} topics (Zipf), 1 digest each, ${LOCALES.length} locales, ${ARTICLES} articles arriving (${answered} answered, ${empty} before any article matched)`,
    ],
    [
      'newsdesk: LLM calls',
      `${llm.requests.length} (${llm.notesCalls} article notes + ${llm.calls} briefings + ${llm.translateCalls} translations)`,
    ],
    [
      'newsdesk: input tokens',
      `${input.toLocaleString('en-US')} (notes ${notesInput.toLocaleString('en-US')}, briefings ${(input - notesInput - translateInput).toLocaleString('en-US')}, translations ${translateInput.toLocaleString('en-US')})`,
    ],
    ['naive bot: LLM calls', naive.calls.toLocaleString('en-US')],
    [
      'naive bot: input tokens',
      `${naive.input.toLocaleString('en-US')} (${profile.articles} whole articles a request)`,
    ],
    ['input tokens, naive / newsdesk', `${(naive.input / Math.max(1, input)).toFixed(1)}x`],
    [
      'articles a briefing covers (mean)',
      `newsdesk ${mean(covered).toFixed(1)}, naive ${profile.articles} (at most)`,
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\nLLM cost over one simulated day (tokens = characters / 4 for both)\n`);
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  await cache.close();
  db.close();
  await llm.close();
}

await main();
