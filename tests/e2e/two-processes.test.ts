import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '../../bench/stats.js';
import { startTwoBots, type TwoBots } from '../support/two-bots.js';

const REDIS_URL = process.env.REDIS_URL;
let two: TwoBots | undefined;

describe.skipIf(!REDIS_URL)(
  REDIS_URL
    ? 'two bot processes on one Redis, one fake Discord and one fake LLM'
    : 'two bot processes on one Redis: skipped, REDIS_URL is not set (.ci/run starts redis-server and sets it)',
  () => {
    beforeAll(async () => {
      two = await startTwoBots(REDIS_URL!);
    }, 120_000);
    afterAll(async () => {
      await two?.close();
    });

    it('a digest due in both: exactly one post; only one of them polls the feeds', async () => {
      await new Promise((r) => setTimeout(r, 2_000)); // the other process had its chance too
      expect(two!.digestPosts()).toBe(1);
      expect(two!.pollers()).toBe(1);
    });

    it('100 concurrent identical /news spread over both: one LLM call, every member answered', async () => {
      const before = two!.llm.calls;
      const latencies = await two!.newsBurst(100);
      expect(latencies).toHaveLength(100);
      expect(two!.llm.calls - before).toBe(1);
      expect(await two!.answeredBy()).toEqual([50, 50]);
      expect(percentile(latencies, 99)).toBeLessThan(15_000);
      const warnings = two!.bots
        .flatMap((b) => b.logs())
        .filter((l) => String(l.msg).includes('redis unavailable'));
      expect(warnings).toEqual([]);
    }, 60_000);
  },
);
