import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { figuresOf, Novelty } from '../../src/briefing/novelty.js';
import { makeArticle, makeEngine } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await FakeLlm.start();
});
afterAll(async () => {
  await llm.close();
});
beforeEach(() => llm.reset());

const MINUTE = 60_000;
const request = { topic: 'harbour', hours: 24, length: 'standard' as const };

/** An engine on a clock the test moves, with three harbour articles. */
function engine(options: { refreshMs?: number; translate?: boolean } = {}) {
  let at = Date.UTC(2026, 10, 26, 12);
  const made = makeEngine({ llmBaseURL: llm.baseURL, now: () => at, ...options });
  for (let n = 1; n <= 3; n++) made.store.upsert(makeArticle(n, at, { hoursAgo: n }));
  return { ...made, advance: (ms: number) => (at += ms) };
}

describe('BRIEFING_TRANSLATE: one summary per article set, translated for other languages', () => {
  it('a German member after an English one costs a short translation call, which is then cached', async () => {
    const { briefings, close } = engine({ translate: true });
    const en = await briefings.get({ ...request, locale: 'en-GB' });
    const de = await briefings.get({ ...request, locale: 'de' });
    expect(llm.calls).toBe(1);
    expect(llm.translateCalls).toBe(1);
    expect(de.cached).toBe(false);
    expect(de.briefing.language).toBe('German');
    expect(de.briefing.bullets.map((b) => b.text)).toEqual(
      en.briefing.bullets.map((b) => `${b.text} (german)`),
    );
    expect(de.briefing.bullets.map((b) => b.cites)).toEqual(en.briefing.bullets.map((b) => b.cites));
    expect(de.briefing.sources).toEqual(en.briefing.sources);
    // What is translated is the briefing, not the articles.
    const sent = JSON.stringify(llm.requests.at(-1)!.body.messages);
    expect(sent).toContain(en.briefing.bullets[0]!.text);
    expect(sent).not.toContain('Officials said');
    const again = await briefings.get({ ...request, locale: 'de' });
    expect(again.cached).toBe(true);
    expect(llm.requests).toHaveLength(2);
    await close();
  });

  it('a translation that changes figures fails the support check, and the articles are summarised in German', async () => {
    const { briefings, log, close } = engine({ translate: true });
    await briefings.get({ ...request, locale: 'en-GB' });
    llm.set({ translateFigures: true });
    const de = await briefings.get({ ...request, locale: 'de' });
    expect(llm.translateCalls).toBe(1);
    expect(llm.calls).toBe(2);
    expect(de.briefing.kind).toBe('llm');
    expect(de.briefing.bullets.every((b) => !b.text.endsWith('(german)'))).toBe(true);
    expect(log.text()).toContain('translation did not match its sources; summarising the articles instead');
    await close();
  });

  it('off: every language is summarised from the articles', async () => {
    const { briefings, close } = engine();
    await briefings.get({ ...request, locale: 'en-GB' });
    await briefings.get({ ...request, locale: 'fr' });
    expect(llm.calls).toBe(2);
    expect(llm.translateCalls).toBe(0);
    await close();
  });
});

describe('BRIEFING_REFRESH_MINUTES: a busy topic is rewritten at most so often', () => {
  it('answers with the recent briefing while new articles arrive, and rewrites it after the refresh time', async () => {
    const { briefings, store, advance, now, close } = engine({ refreshMs: 15 * MINUTE });
    const first = await briefings.get(request);
    advance(5 * MINUTE);
    store.upsert(makeArticle(50, now(), { hoursAgo: 0 }));
    const within = await briefings.get(request);
    expect(within.cached).toBe(true);
    expect(within.briefing.generatedAt).toBe(first.briefing.generatedAt);
    expect(llm.calls).toBe(1);
    advance(11 * MINUTE);
    const after = await briefings.get(request);
    expect(after.cached).toBe(false);
    expect(llm.calls).toBe(2);
    expect(after.briefing.articleCount).toBe(4);
    await close();
  });

  it('within the refresh time a topic is answered from the cache without searching the store', async () => {
    const { briefings, store, advance, close } = engine({ refreshMs: 15 * MINUTE });
    const search = vi.spyOn(store, 'search');
    await briefings.get(request);
    const searched = search.mock.calls.length;
    expect(searched).toBeGreaterThan(0);
    advance(14 * MINUTE);
    const again = await briefings.get({ ...request, topic: ' Harbour ' });
    expect(again.cached).toBe(true);
    expect(search.mock.calls.length).toBe(searched);
    // Another length, or past the refresh time: the store is searched again.
    await briefings.get({ ...request, length: 'short' });
    expect(search.mock.calls.length).toBeGreaterThan(searched);
    advance(2 * MINUTE);
    const before = search.mock.calls.length;
    await briefings.get(request);
    expect(search.mock.calls.length).toBeGreaterThan(before);
    await close();
  });

  it('a re-dated copy of an article it tells keeps the briefing for up to 8 refresh periods; a new figure does not', async () => {
    const { briefings, store, advance, now, close } = engine({ refreshMs: 15 * MINUTE });
    // The latest news, no topic: every stored article is in the set.
    const latest = { ...request, topic: null };
    await briefings.get(latest);
    const original = makeArticle(1, now(), { hoursAgo: 1 });
    advance(30 * MINUTE);
    store.upsert({
      ...original,
      url: 'https://wire.example/copy-1',
      source: 'Wire',
      body: `${original.body}\n\nThis report was republished at 12:30 UTC.`,
    });
    expect((await briefings.get(latest)).cached).toBe(true);
    expect(llm.calls).toBe(1);
    store.upsert({
      ...original,
      title: `${original.title}: council to hire workers`,
      url: 'https://wire.example/follow-up-1',
      body: `${original.body}\n\nThe council later said 340 workers would be hired.`,
    });
    const rewritten = await briefings.get(latest);
    expect(rewritten.cached).toBe(false);
    expect(llm.calls).toBe(2);
    await close();
  });

  it('digests get a briefing of exactly their articles, never a recent one of other articles', async () => {
    const { briefings, store, advance, now, close } = engine({ refreshMs: 15 * MINUTE });
    const chosen = store.recent({ limit: 3 });
    await briefings.forArticles(chosen, request);
    advance(MINUTE);
    store.upsert(makeArticle(60, now(), { hoursAgo: 0 }));
    const digest = await briefings.forArticles(store.recent({ limit: 4 }), request);
    expect(digest.cached).toBe(false);
    expect(llm.calls).toBe(2);
    await close();
  });
});

describe('novelty of an arriving article', () => {
  const base = makeArticle(7, Date.UTC(2026, 10, 26, 12)) as Omit<Article, 'id'>;
  const article = (id: number, body: string) => ({ ...base, id, body, contentHash: `h${id}` });

  it('reads figures as written, times of day aside', () => {
    expect([...figuresOf('At 14:05 the 2,500 troops left; 3.5% said 12')]).toEqual(['2,500', '3.5', '12']);
  });

  it('a copy adds at most a line of words and no figure; a follow-up with a figure or a paragraph is new', () => {
    const novelty = new Novelty();
    const known = [article(1, base.body)];
    expect(novelty.isCopy(article(2, `${base.body} Republished at 09:15 by the wire.`), known)).toBe(true);
    expect(novelty.isCopy(article(3, `${base.body} Another 40 jobs were announced.`), known)).toBe(false);
    const paragraph =
      'Residents questioned the tender, fishermen protested outside the town hall, engineers warned about sediment, the mayor promised hearings and opposition councillors demanded an audit.';
    expect(novelty.isCopy(article(4, `${base.body}\n\n${paragraph}`), known)).toBe(false);
  });
});
