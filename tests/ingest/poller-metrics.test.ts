import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { FeedPoller } from '../../src/ingest/feed-poller.js';
import { FeedRegistry } from '../../src/ingest/feed-registry.js';
import { recordingLogger } from '../support/app-fixtures.js';

const MIN = 60_000;

describe('feed poll metrics', () => {
  it('counts polls as ok, not_modified, failed and, when a feed is given up on, disabled', async () => {
    let now = Date.UTC(2026, 10, 1);
    const registry = new FeedRegistry(openDatabase(':memory:'));
    const outcomes: string[] = [];
    const answers = ['ok', 'not_modified', 'fail', 'fail'];
    const poller = new FeedPoller({
      registry,
      poll: async () => {
        const next = answers.shift();
        if (next === 'fail') throw new Error('HTTP 500');
        return {
          notModified: next === 'not_modified',
          stored: 0,
          etag: null,
          lastModified: null,
          title: null,
        };
      },
      logger: recordingLogger().logger,
      now: () => now,
      random: () => 0.5,
      disableAfterMs: 3_600_000,
      metrics: { feedPoll: (outcome) => void outcomes.push(outcome) },
    });
    const { feed } = registry.add({ url: 'https://a.example/rss', guildId: 'g', intervalMs: 15 * MIN, now });
    const due = () => (now = registry.get(feed.id)!.nextPollAt);
    await poller.runDue(); // ok
    due();
    await poller.runDue(); // not modified
    due();
    await poller.runDue(); // fails: failing since now
    now += 61 * MIN; // still failing over an hour later: disabled
    await poller.runDue();
    expect(outcomes).toEqual(['ok', 'not_modified', 'failed', 'disabled']);
  });
});
