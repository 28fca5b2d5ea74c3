import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmClient } from '../../src/briefing/llm-client.js';
import { finishBriefing, limitWords, stripMarkdown } from '../../src/briefing/finish.js';
import { renderReplyText } from '../../src/console/render-text.js';
import { briefingEmbed } from '../../src/discord/render-briefing.js';
import { Briefings } from '../../src/briefing/briefings.js';
import type { BriefingSource } from '../../src/briefing/types.js';
import { makeArticle, makeEngine } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';

function source(n: number, url: string | null = `https://news.example/story-${n}`): BriefingSource {
  return { n, articleId: n, title: `Story ${n}`, url, source: 'Example', publishedAt: 0 };
}

describe('finishBriefing', () => {
  it('merges near-duplicate bullets and unites their citations', () => {
    const out = finishBriefing(
      {
        headline: 'Harbour',
        bullets: [
          { text: 'The council approved harbour repairs worth 5 million euros.', cites: [1] },
          { text: 'The council approved harbour repairs worth 5 million euros.', cites: [2] },
          { text: 'The council has approved the harbour repairs worth 5 million euros.', cites: [3] },
          { text: 'The council approved harbour repairs worth 7 million euros.', cites: [3] },
        ],
        sources: [source(1), source(2), source(3)],
      },
      { wordsPerBullet: 40 },
    );
    expect(out.bullets).toHaveLength(2);
    expect(out.bullets[0]!.cites).toEqual([1, 2, 3]);
    // Different figures are different claims.
    expect(out.bullets[1]!.text).toContain('7 million');
  });

  it('renumbers the sources still cited after a bullet is dropped', () => {
    const out = finishBriefing(
      {
        headline: 'H',
        bullets: [
          { text: '**  **', cites: [1] },
          { text: 'Only this one says something.', cites: [2] },
        ],
        sources: [source(1), source(2)],
      },
      { wordsPerBullet: 40 },
    );
    expect(out.bullets).toEqual([{ text: 'Only this one says something.', cites: [1] }]);
    expect(out.sources.map((s) => [s.n, s.articleId])).toEqual([[1, 2]]);
  });

  it('keeps word limits at clause boundaries, the headline within 12 words', () => {
    const long =
      'The council approved the repairs on Tuesday, after a long debate that lasted most of the night and ended with a narrow vote of the members present.';
    const out = finishBriefing(
      {
        headline: 'Council approves harbour repairs after a long night of debate and a very narrow vote',
        bullets: [{ text: long, cites: [1] }],
        sources: [source(1)],
      },
      { wordsPerBullet: 10 },
    );
    expect(out.bullets[0]!.text).toBe('The council approved the repairs on Tuesday…');
    expect(out.headline.replace('…', '').split(' ').length).toBeLessThanOrEqual(12);
    expect(limitWords('One two. Three four five six.', 4)).toBe('One two.');
    expect(limitWords('President George W. Bush signed the bill into law on Friday', 5)).toBe(
      'President George W. Bush signed…',
    );
  });

  it('strips Markdown, every mention form whatever its digits, and link-like text; keeps a cited URL', () => {
    const out = finishBriefing(
      {
        headline: '## **Breaking**: _news_',
        bullets: [
          {
            text: '**Bold** and `code` for <@&987654321>, <@1>, <@!12>, <#7>, </news:1> @everyone @here; see evil.example/steal, hxxps://evil.example/x, example[.]com, www.evil.example and https://news.example/story-1 for more.',
            cites: [1],
          },
        ],
        sources: [source(1)],
      },
      { wordsPerBullet: 80 },
    );
    const text = out.bullets[0]!.text;
    expect(out.headline).toBe('Breaking: news');
    expect(text).not.toMatch(/[*`]|<[@#/]|@everyone|@here|evil|example\[|hxxp|www\./);
    expect(text).toContain('https://news.example/story-1');
    expect(text).toMatch(/^Bold and code for @someone/);
  });

  it('is idempotent', () => {
    const once = finishBriefing(
      {
        headline: '**A** b',
        bullets: [{ text: '_x_ said 3 things, then left.', cites: [1] }],
        sources: [source(1)],
      },
      { wordsPerBullet: 5 },
    );
    expect(finishBriefing(once, { wordsPerBullet: 5 })).toEqual(once);
  });

  it('stripMarkdown leaves ordinary punctuation alone', () => {
    expect(stripMarkdown('Rates rose 2*3 times; snake_case stays; 5 * 4 = 20.')).toBe(
      'Rates rose 2*3 times; snake_case stays; 5 * 4 = 20.',
    );
  });
});

describe('the engine finishes every briefing, and console and Discord show the same words', () => {
  const hostile = JSON.stringify({
    headline: '**Harbour** news for <@&987654321> with many more words than twelve in this headline today',
    bullets: [
      { text: '**Repairs** approved; details at evil.example/steal and hxxps://x[.]example.', sources: [1] },
      { text: '**Repairs** approved; details at evil.example/steal and hxxps://x[.]example.', sources: [2] },
      { text: '# Jobs\n_Officials_ said the project would create `jobs`.', sources: [2] },
    ],
  });

  it('model answers lose Markdown, mentions, links and duplicates before caching', async () => {
    const engine = makeEngine();
    for (let n = 1; n <= 3; n++) engine.store.upsert(makeArticle(n, engine.now(), { hoursAgo: n }));
    const llm = { model: 'stub', completeJson: () => Promise.resolve(hostile) } as unknown as LlmClient;
    const briefings = new Briefings({
      articles: engine.store,
      cache: { get: () => Promise.resolve(undefined), set: () => Promise.resolve() },
      llm,
      logger: engine.log.logger,
      maxArticles: 12,
      now: engine.now,
    });
    const result = await briefings.get({ topic: 'harbour', hours: 24, length: 'standard' });
    const { briefing } = result;
    expect(briefing.kind).toBe('llm');
    expect(briefing.bullets.map((b) => b.text)).toEqual([
      'Repairs approved; details at and.',
      'Jobs Officials said the project would create jobs.',
    ]);
    expect(briefing.bullets[0]!.cites).toEqual([1, 2]);
    expect(briefing.headline.split(' ').length).toBeLessThanOrEqual(12);
    expect(briefing.headline).not.toMatch(/[*<]/);

    const console = renderReplyText({ kind: 'briefing', result, ephemeral: false });
    expect(console).not.toMatch(/\*\*|`|<@|evil|hxxp/);
    const embed = briefingEmbed(result);
    for (const b of briefing.bullets) {
      expect(console).toContain(b.text);
      expect(embed.description).toContain(b.text);
    }
    await engine.close();
  });
});

describe('max_tokens', () => {
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await FakeLlm.start();
  });
  afterAll(async () => {
    await llm.close();
  });

  it('is sent with every request (default 1000)', async () => {
    const engine = makeEngine({ llmBaseURL: llm.baseURL });
    engine.store.upsert(makeArticle(1, engine.now()));
    await engine.briefings.get({ topic: 'harbour', hours: 24, length: 'standard' });
    expect(llm.requests[0]!.body.max_tokens).toBe(1000);
    await engine.close();
  });
});
