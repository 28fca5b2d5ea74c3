import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { FeedPoller, type PollOutcome } from '../../src/ingest/feed-poller.js';
import { FeedRegistry } from '../../src/ingest/feed-registry.js';
import { recordingLogger } from '../support/app-fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const OK: PollOutcome = { notModified: false, stored: 2, etag: '"v1"', lastModified: null, title: 'A feed' };

function setup(poll: (url: string, signal: AbortSignal) => Promise<PollOutcome>) {
  let now = Date.UTC(2026, 10, 1);
  const registry = new FeedRegistry(openDatabase(':memory:'));
  const log = recordingLogger('info');
  const poller = new FeedPoller({
    registry,
    poll: (feed, signal) => poll(feed.url, signal),
    logger: log.logger,
    now: () => now,
    random: () => 0.5,
  });
  return { registry, poller, log, advance: (ms: number) => (now += ms), now: () => now };
}

describe('FeedPoller', () => {
  it('polls due feeds, then again after their interval, remembering the ETag', async () => {
    const polled: string[] = [];
    const t = setup(async (url) => (polled.push(url), OK));
    const { feed } = t.registry.add({
      url: 'https://a.example/rss',
      guildId: 'g',
      intervalMs: 15 * MIN,
      now: t.now(),
    });
    await t.poller.runDue();
    const after = t.registry.get(feed.id)!;
    expect(after).toMatchObject({ etag: '"v1"', title: 'A feed', itemsStored: 2, failures: 0, primed: true });
    expect(after.nextPollAt - t.now()).toBe(15 * MIN);
    await t.poller.runDue();
    expect(polled).toHaveLength(1);
    t.advance(15 * MIN);
    await t.poller.runDue();
    expect(polled).toHaveLength(2);
  });

  it('backs off exponentially on errors and disables a feed failing for 48 hours, with the reason', async () => {
    const t = setup(async () => {
      throw new Error('The site answered with an error. (HTTP 500)');
    });
    const { feed } = t.registry.add({
      url: 'https://down.example/rss',
      guildId: 'g',
      intervalMs: 15 * MIN,
      now: t.now(),
    });
    const waits: number[] = [];
    for (let i = 0; i < 40 && !t.registry.get(feed.id)!.disabledReason; i++) {
      await t.poller.runDue();
      const f = t.registry.get(feed.id)!;
      waits.push(f.nextPollAt - t.now());
      t.advance(f.nextPollAt - t.now());
    }
    expect(waits.slice(0, 4)).toEqual([15 * MIN, 30 * MIN, 60 * MIN, 120 * MIN]);
    expect(Math.max(...waits)).toBe(6 * HOUR);
    const disabled = t.registry.get(feed.id)!;
    expect(disabled.disabledReason).toMatch(
      /^failing since 2026-11-01T00:00:00\.000Z: The site answered with an error\. \(HTTP 500\)$/,
    );
    expect(t.registry.due(t.now() + 100 * HOUR)).toEqual([]);
    expect(t.log.lines.filter((l) => l.msg === 'feed disabled after failing too long')).toHaveLength(1);
    const again = t.registry.add({
      url: 'https://down.example/rss',
      guildId: 'g',
      intervalMs: 15 * MIN,
      now: t.now(),
    });
    expect(again).toMatchObject({ created: false, feed: { disabledReason: null, failures: 0 } });
  });

  it('polls at most one feed per host at a time, and several hosts in parallel', async () => {
    let inFlight = 0;
    let maxSameHost = 0;
    const perHost = new Map<string, number>();
    const t = setup(async (url) => {
      const host = new URL(url).host;
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      inFlight += 1;
      maxSameHost = Math.max(maxSameHost, perHost.get(host)!);
      await new Promise((r) => setTimeout(r, 20));
      perHost.set(host, perHost.get(host)! - 1);
      inFlight -= 1;
      return OK;
    });
    for (const url of [
      'https://a.example/1',
      'https://a.example/2',
      'https://b.example/1',
      'https://c.example/1',
    ])
      t.registry.add({ url, guildId: 'g', intervalMs: 15 * MIN, now: t.now() });
    await t.poller.runDue();
    expect(maxSameHost).toBe(1);
    expect(t.registry.all().filter((f) => f.lastOkAt !== null)).toHaveLength(3);
    await t.poller.runDue();
    expect(t.registry.all().every((f) => f.lastOkAt !== null)).toBe(true);
    expect(inFlight).toBe(0);
  });

  it('stop() aborts a hanging poll and returns at once, without blaming the feed', async () => {
    const t = setup(
      (_url, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    const { feed } = t.registry.add({
      url: 'https://slow.example/rss',
      guildId: 'g',
      intervalMs: 15 * MIN,
      now: t.now(),
    });
    const round = t.poller.runDue();
    const started = performance.now();
    await t.poller.stop();
    await round;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(t.registry.get(feed.id)).toMatchObject({ failures: 0, lastError: null });
  });

  it('keeps going when a poll throws something odd', async () => {
    // Not an Error, on purpose: the poller must cope with any thrown value.
    const odd: unknown = 'not even an Error';
    const t = setup(async (url) => {
      if (url.includes('bad')) throw odd;
      return OK;
    });
    t.registry.add({ url: 'https://bad.example/rss', guildId: 'g', intervalMs: 15 * MIN, now: t.now() });
    t.registry.add({ url: 'https://good.example/rss', guildId: 'g', intervalMs: 15 * MIN, now: t.now() });
    await t.poller.runDue();
    expect(t.registry.all().map((f) => [f.url, f.failures])).toEqual([
      ['https://bad.example/rss', 1],
      ['https://good.example/rss', 0],
    ]);
  });
});
