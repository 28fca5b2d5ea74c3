import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { loadBriefingPrompt } from '../../src/briefing/briefings.js';
import { buildBriefingMessages, publishedLine, windowLine } from '../../src/briefing/build-prompt.js';
import { LENGTH_PROFILES } from '../../src/briefing/lengths.js';
import { windowHeadline } from '../../src/briefing/window-headline.js';
import { makeArticle, makeEngine } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';

const NOW = Date.UTC(2026, 11, 2, 9, 30); // Wednesday 2 December 2026
const HOUR = 3_600_000;

function stored(overrides: Partial<Article>): Article {
  return {
    id: 1,
    url: null,
    source: 'S',
    title: 'T',
    byline: null,
    publishedAt: Date.UTC(2005, 3, 4, 10),
    fetchedAt: NOW - HOUR,
    body: 'Text.',
    contentHash: 'h',
    imageUrl: null,
    ...overrides,
  };
}

describe('time in the prompt', () => {
  it("gives today's date, the window asked for, and whether it was widened", () => {
    const [system, user] = buildBriefingMessages(loadBriefingPrompt(), {
      articles: [stored({})],
      topic: null,
      profile: LENGTH_PROFILES.short,
      language: 'English',
      now: NOW,
      window: { hours: 48, widened: true },
    });
    expect(user!.content).toContain('Today is Wednesday, 2 December 2026');
    expect(user!.content).toMatch(/last 48 hours .*widened/);
    expect(user!.content).toMatch(/one bullet per story/);
    expect(system!.content).toMatch(/supersede/);
    expect(system!.content).toMatch(/on 4 April 2005/);
    expect(windowLine({ hours: 24, widened: false })).not.toMatch(/widened/);
  });

  it('shows each article publication date, and `undated` (never the fetch time) when it has none', () => {
    const [, user] = buildBriefingMessages(loadBriefingPrompt(), {
      articles: [stored({}), stored({ id: 2, publishedAt: null, fetchedAt: NOW - HOUR })],
      topic: 'harbour',
      profile: LENGTH_PROFILES.short,
      language: 'English',
      now: NOW,
    });
    expect(user!.content).toContain('published: Monday, 4 April 2005, 10:00 UTC');
    expect(user!.content).toContain('published: undated');
    expect(user!.content).not.toContain('2 December 2026, 08:30');
    expect(user!.content).toMatch(/"harbour" \(leave out articles that are not about it/);
    expect(publishedLine(null)).toBe('published: undated');
  });
});

describe('the headline of a briefing without a topic', () => {
  const articles = [{ publishedAt: NOW - 2 * HOUR }];
  it('names the window in the locale', () => {
    expect(windowHeadline(articles, { hours: 24, widened: false }, NOW)).toBe('Top stories, 2 Dec');
    expect(windowHeadline(articles, { hours: 96, widened: false }, NOW)).toBe('Top stories, 28 Nov – 2 Dec');
    expect(windowHeadline(articles, { hours: 24, widened: false }, NOW, 'en-US')).toBe('Top stories, Dec 2');
    expect(windowHeadline(articles, { hours: 24, widened: false }, NOW, 'de')).toBe('Top-Meldungen, 2. Dez.');
  });

  it('names the days of the articles, with their year, when the window was widened', () => {
    const old = [
      { publishedAt: Date.UTC(2005, 6, 14) },
      { publishedAt: null },
      { publishedAt: Date.UTC(2009, 6, 7) },
    ];
    expect(windowHeadline(old, { hours: 24, widened: true }, NOW)).toBe(
      'Top stories, 14 Jul 2005 – 7 Jul 2009',
    );
  });
});

describe('the engine', () => {
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await FakeLlm.start();
  });
  afterAll(async () => {
    await llm.close();
  });
  beforeEach(() => llm.reset());

  it('heads a no-topic briefing with its window, LLM or extractive, and sends the model today and the window', async () => {
    for (const llmBaseURL of [llm.baseURL, null]) {
      const engine = makeEngine({ llmBaseURL, now: () => NOW });
      for (let n = 1; n <= 3; n++) engine.store.upsert(makeArticle(n, NOW, { hoursAgo: n }));
      const { briefing } = await engine.briefings.get({ topic: null, hours: 24, length: 'short' });
      expect(briefing.headline).toBe('Top stories, 2 Dec');
      const topical = await engine.briefings.get({ topic: 'harbour', hours: 24, length: 'short' });
      expect(topical.briefing.headline).not.toMatch(/^Top stories/);
      await engine.close();
    }
    const user = llm.requests[0]!.body.messages?.[1]?.content;
    expect(user).toContain('Today is Wednesday, 2 December 2026');
    expect(user).toContain('the last 24 hours');
  });

  it('never takes an undated article for news of the window: only a widened briefing shows it', async () => {
    const engine = makeEngine({ llmBaseURL: null, now: () => NOW });
    engine.store.upsert(
      makeArticle(1, NOW, { title: 'Old harbour page', publishedAt: null, fetchedAt: NOW - HOUR }),
    );
    const first = await engine.briefings.get({ topic: 'harbour', hours: 24, length: 'short' });
    expect(first.briefing.window.widened).toBe(true);
    engine.store.upsert(makeArticle(2, NOW, { hoursAgo: 2 }));
    const second = await engine.briefings.get({ topic: 'harbour', hours: 24, length: 'short' });
    expect(second.briefing.window.widened).toBe(false);
    expect(second.briefing.sources.map((s) => s.title)).not.toContain('Old harbour page');
    await engine.close();
  });
});
