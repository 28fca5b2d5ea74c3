import { describe, expect, it } from 'vitest';
import type { DigestOverview } from '../../src/digest/digest-service.js';
import type { FeedRecord } from '../../src/ingest/feed-registry.js';
import { hitRateText, statusText, uptimeText, type RuntimeStatus } from '../../src/interactions/status.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0);

const status: RuntimeStatus = {
  version: '0.1.0',
  promptVersion: 'ab12cd34',
  startedAt: NOW - (2 * 3_600_000 + 13 * 60_000),
  now: NOW,
  articles: {
    count: 1234,
    newest: { title: 'Harbour *repairs* @everyone vote', at: Date.UTC(2026, 11, 2, 8, 5) },
  },
  cache: { label: 'redis://:***@cache:6379', hits: 3, misses: 1 },
  llm: { model: 'gpt-4o-mini', endpoint: 'api.openai.com' },
  llmToday: { calls: 12, failures: 1, inputTokens: 34_567, outputTokens: 5_678 },
};

function feed(state: Partial<FeedRecord>): FeedRecord {
  return {
    id: 1,
    url: 'https://a.example/rss',
    guildId: 'g',
    topic: null,
    title: null,
    addedBy: null,
    addedAt: 0,
    intervalMs: 900_000,
    etag: null,
    lastModified: null,
    nextPollAt: 0,
    lastPolledAt: null,
    lastOkAt: 1,
    failingSince: null,
    failures: 0,
    lastError: null,
    disabledReason: null,
    itemsStored: 0,
    primed: true,
    ...state,
  };
}

const digest = (name: string, at: number | null, paused = false) =>
  ({
    digest: { name, channelId: '42', paused: paused ? { reason: 'by_admin' } : null },
    nextRun: at === null ? null : { at, localDate: '2026-12-03' },
    lastRun: null,
  }) as unknown as DigestOverview;

describe('/newsdesk status text', () => {
  it('gives version, prompt, uptime, articles, feeds, cache, LLM use today and next digests', () => {
    const text = statusText({
      status,
      guildId: 'g',
      serverFeeds: [
        feed({}),
        feed({ failingSince: 5 }),
        feed({ disabledReason: 'gone' }),
        feed({ lastOkAt: null }),
      ],
      operatorFeeds: [feed({}), feed({})],
      digests: [
        digest('evening', NOW + 9 * 3_600_000),
        digest('morning', NOW + 3_600_000),
        digest('quiet', null, true),
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('**newsdesk 0.1.0** · prompt `ab12cd34` · up 2 h 13 min');
    expect(lines[1]).toBe(
      '**Articles:** 1,234 stored · newest “Harbour repairs @\u200beveryone vote”, <t:1796198700:f> (<t:1796198700:R>)',
    );
    expect(lines[2]).toBe('**Feeds (this server):** 1 ok · 1 failing · 1 disabled · 1 not read yet');
    expect(lines[3]).toBe('**Feeds (operator):** 2 ok · 0 failing · 0 disabled');
    expect(lines[4]).toBe('**Cache** `redis://:***@cache:6379`: 75 % hits (3 of 4 lookups since start)');
    expect(lines[5]).toBe(
      '**LLM** api.openai.com · gpt-4o-mini: 12 calls today (UTC), 1 failed · 34,567 tokens in, 5,678 out',
    );
    const next = Math.floor((NOW + 3_600_000) / 1000);
    expect(lines[6]).toMatch(
      new RegExp(
        `^\\*\\*Next digests:\\*\\* \`morning\` <t:${next}:f> \\(<t:${next}:R>\\) in <#42> · \`evening\` .* · \`quiet\` paused$`,
      ),
    );
    expect(text.length).toBeLessThan(2000);
  });

  it('on the console, says which parts are per server; without an LLM, says briefings are extractive', () => {
    const text = statusText({
      status: { ...status, llm: null, llmToday: { calls: 0, failures: 0, inputTokens: 0, outputTokens: 0 } },
      guildId: null,
      serverFeeds: [],
      operatorFeeds: [],
      digests: null,
    });
    expect(text).toContain(
      '**Feeds (this server):** feeds per server are set up in Discord, not on the console',
    );
    expect(text).toContain('**Feeds (operator):** none');
    expect(text).toContain('**LLM:** none configured, briefings are extractive');
    expect(text).toContain(
      '**Next digests:** digests are per server, set up in Discord; none on the console',
    );
  });

  it('lists at most six digests, and says how many more', () => {
    const many = Array.from({ length: 25 }, (_, i) => digest(`d${i}`, NOW + i * 60_000));
    const text = statusText({ status, guildId: 'g', serverFeeds: [], operatorFeeds: [], digests: many });
    expect(text).toContain('…and 19 more (`/digest list`)');
    expect(text.length).toBeLessThan(2000);
  });

  it('writes uptime and hit rates plainly', () => {
    expect(uptimeText(40_000)).toBe('40 s');
    expect(uptimeText(5 * 60_000)).toBe('5 min');
    expect(uptimeText(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(hitRateText(0, 0)).toBe('no lookups since start');
    expect(hitRateText(1, 2)).toBe('33 % hits (1 of 3 lookups since start)');
  });
});
