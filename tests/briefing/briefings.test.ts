import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingCache } from '../../src/briefing/briefings.js';
import { UserFacingError } from '../../src/errors.js';
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

function engineWithArticles(count = 4, options: Parameters<typeof makeEngine>[0] = {}) {
  const engine = makeEngine({ llmBaseURL: llm.baseURL, ...options });
  for (let n = 1; n <= count; n++) engine.store.upsert(makeArticle(n, engine.now(), { hoursAgo: n }));
  return engine;
}

const request = { topic: 'harbour', hours: 24, length: 'standard' as const };

describe('Briefings with a language model', () => {
  it('writes a cited briefing through the real openai SDK and caches it by content', async () => {
    const { briefings, close } = engineWithArticles();
    const first = await briefings.get(request);
    expect(first.cached).toBe(false);
    expect(first.briefing.kind).toBe('llm');
    expect(first.briefing.model).toBe('fake-model');
    expect(first.briefing.bullets.length).toBeGreaterThanOrEqual(3);
    for (const b of first.briefing.bullets) expect(b.cites.length).toBeGreaterThan(0);
    expect(first.briefing.sources.map((s) => s.n)).toEqual(first.briefing.sources.map((_, i) => i + 1));
    const body = llm.requests[0]!.body;
    expect(body.model).toBe('fake-model');
    expect(body.response_format?.type).toBe('json_schema');
    expect(body.messages?.[1]?.content).toContain('<article id="1">');

    const second = await briefings.get(request);
    expect(second.cached).toBe(true);
    expect(second.briefing.bullets).toEqual(first.briefing.bullets);
    expect(llm.calls).toBe(1);
    await close();
  });

  it('a new matching article makes a new key: the next request calls the LLM again', async () => {
    const { briefings, store, now, close } = engineWithArticles();
    await briefings.get(request);
    store.upsert(makeArticle(99, now(), { hoursAgo: 0.5 }));
    const after = await briefings.get(request);
    expect(after.cached).toBe(false);
    expect(llm.calls).toBe(2);
    await close();
  });

  it('100 concurrent identical requests make one LLM call; 10 topics make 10', async () => {
    const { briefings, store, now, close } = engineWithArticles(0);
    const topics = [
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
      'foxtrot',
      'golf',
      'hotel',
      'india',
      'juliet',
    ];
    topics.forEach((t, i) =>
      store.upsert(
        makeArticle(i, now(), {
          title: `${t} news of the day`,
          body: `Report about ${t}. The ${t} committee met on Monday and agreed a plan for the coming year.`,
        }),
      ),
    );
    llm.set({ delayMs: 100 });
    const same = await Promise.all(
      Array.from({ length: 100 }, () => briefings.get({ ...request, topic: 'alpha' })),
    );
    expect(llm.calls).toBe(1);
    expect(new Set(same.map((r) => r.briefing.headline)).size).toBe(1);
    llm.reset();
    llm.set({ delayMs: 100 });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => briefings.get({ ...request, topic: topics[i % 10]! })),
    );
    expect(llm.calls).toBe(9); // one per topic; alpha was cached by the first round
    await close();
  });

  it('removes citations of ids that were not given and drops bullets left with none', async () => {
    const { briefings, close } = engineWithArticles();
    llm.set({ citeUnknownIds: true });
    const r = await briefings.get(request);
    const ids = new Set(r.briefing.sources.map((s) => s.n));
    for (const b of r.briefing.bullets) for (const n of b.cites) expect(ids.has(n)).toBe(true);
    expect(r.briefing.sources.length).toBeLessThanOrEqual(4);
    await close();
  });

  it('neutralises an injection echoed by the model: no mention, no foreign link', async () => {
    const { briefings, close } = engineWithArticles();
    llm.set({ inject: true });
    const { briefing } = await briefings.get(request);
    const text = [briefing.headline, ...briefing.bullets.map((b) => b.text)].join('\n');
    expect(text).not.toMatch(/@everyone|@here|<@|evil\.example|discord\.gg|https?:/);
    await close();
  });

  it('steps down from json_schema when the endpoint refuses it, and remembers', async () => {
    const { briefings, close } = engineWithArticles();
    llm.set({ rejectJsonSchema: true });
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('llm');
    expect(llm.requests.map((q) => q.body.response_format?.type)).toEqual(['json_schema', 'json_object']);
    await briefings.get({ ...request, length: 'short' });
    expect(llm.requests[2]!.body.response_format?.type).toBe('json_object');
    await close();
  });

  it('does not give up structured output because one request was refused in every format', async () => {
    const { briefings, close } = engineWithArticles();
    llm.set({ failStatus: 400, failTimes: 3 });
    expect((await briefings.get(request)).briefing.kind).toBe('extractive');
    llm.set({});
    await briefings.get({ ...request, length: 'short' });
    expect(llm.requests.at(-1)!.body.response_format?.type).toBe('json_schema');
    await close();
  });

  it('reads a fenced answer with chatter around it', async () => {
    const { briefings, close } = engineWithArticles();
    llm.set({ fenced: true });
    expect((await briefings.get(request)).briefing.kind).toBe('llm');
    await close();
  });
});

describe('One deadline for the whole LLM call', () => {
  it('answers with the extractive briefing at once when Retry-After is longer than the time left', async () => {
    const { briefings, close } = engineWithArticles(4, { timeoutMs: 2_000, maxRetries: 5 });
    llm.set({ failStatus: 429, retryAfter: '59' });
    const started = performance.now();
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('extractive');
    expect(r.briefing.fallbackReason).toMatch(/rate-limited/);
    // No retry was attempted: waiting 59 s could not fit in a 2 s deadline.
    expect(llm.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2_000);
    await close();
  });

  it('honours a Retry-After that fits, then answers from the model', async () => {
    const { briefings, close } = engineWithArticles(4, { timeoutMs: 5_000, maxRetries: 1 });
    llm.set({ failStatus: 429, failTimes: 1, retryAfter: '0.3' });
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('llm');
    expect(llm.requests).toHaveLength(2);
    expect(llm.requests[1]!.at - llm.requests[0]!.at).toBeGreaterThanOrEqual(290);
    await close();
  });

  it('retries a server error with backoff up to LLM_MAX_RETRIES times, then falls back', async () => {
    const { briefings, close } = engineWithArticles(4, { timeoutMs: 10_000, maxRetries: 2 });
    llm.set({ failStatus: 503 });
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('extractive');
    expect(llm.requests).toHaveLength(3);
    await close();
  });

  it('does not retry what a retry cannot fix (401)', async () => {
    const { briefings, close } = engineWithArticles(4, { timeoutMs: 5_000, maxRetries: 3 });
    llm.set({ failStatus: 401 });
    const r = await briefings.get(request);
    expect(r.briefing.fallbackReason).toMatch(/credentials/);
    expect(llm.requests).toHaveLength(1);
    await close();
  });

  it('counts the waits between attempts against the deadline', async () => {
    const { briefings, close } = engineWithArticles(4, { timeoutMs: 1_500, maxRetries: 5 });
    llm.set({ failStatus: 429, retryAfter: '0.6' });
    const started = performance.now();
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('extractive');
    // 0.6 s waits in a 1.5 s deadline leave room for one retry, not five.
    expect(llm.requests.length).toBeLessThanOrEqual(2);
    expect(performance.now() - started).toBeLessThan(1_500 + 500);
    await close();
  });
});

describe('Briefings always answer', () => {
  it.each([
    [{ failStatus: 500 }, /internal error/],
    [{ failStatus: 429 }, /rate-limited/],
    [{ brokenJson: true }, /unusable answer/],
    [{ onlyUnknownIds: true }, /unusable answer/],
    [{ refuse: true }, /declined/],
  ])(
    'falls back to a labelled extractive briefing when the LLM gives %j, and does not cache it',
    async (behavior, reason) => {
      const { briefings, close } = engineWithArticles();
      llm.set(behavior);
      const r = await briefings.get(request);
      expect(r.briefing.kind).toBe('extractive');
      expect(r.briefing.fallbackReason).toMatch(reason);
      expect(r.briefing.bullets.length).toBeGreaterThan(0);
      for (const b of r.briefing.bullets) expect(b.cites.length).toBeGreaterThan(0);
      llm.set({});
      const next = await briefings.get(request);
      expect(next.cached).toBe(false);
      expect(next.briefing.kind).toBe('llm');
      await close();
    },
  );

  it('times out a slow LLM and still answers', async () => {
    const { briefings, close } = engineWithArticles(4, { timeoutMs: 300 });
    llm.set({ delayMs: 2_000 });
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('extractive');
    expect(r.briefing.fallbackReason).toMatch(/too long/);
    await close();
  });

  it('bounds the whole LLM step, retries included, and still answers', async () => {
    const { briefings, close } = engineWithArticles(4, {
      timeoutMs: 5_000,
      maxRetries: 2,
      writeDeadlineMs: 400,
    });
    llm.set({ delayMs: 2_000 });
    const started = performance.now();
    const r = await briefings.get(request);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(r.briefing.fallbackReason).toMatch(/too long/);
    await close();
  });

  it('answers from an unreachable LLM endpoint', async () => {
    const { briefings, close } = engineWithArticles(4, { llmBaseURL: 'http://127.0.0.1:9/v1' });
    const r = await briefings.get(request);
    expect(r.briefing.fallbackReason).toMatch(/could not be reached/);
    await close();
  });

  it('writes extractive briefings when no LLM is configured', async () => {
    const { briefings, close } = engineWithArticles(4, { llmBaseURL: null });
    const r = await briefings.get(request);
    expect(r.briefing.kind).toBe('extractive');
    expect(r.briefing.fallbackReason).toMatch(/no language model/);
    expect(llm.calls).toBe(0);
    await close();
  });

  it('answers when the cache store hangs on every call', async () => {
    const hanging: BriefingCache = { get: () => new Promise(() => {}), set: () => new Promise(() => {}) };
    const { close } = engineWithArticles(4, { cache: hanging });
    // The engine must be given a bounded cache; this one is not, so guard it like the app does.
    await close();
    const { GuardedCache } = await import('../../src/cache/guarded-cache.js');
    const { Keyv } = await import('keyv');
    const store = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      delete: async () => true,
      clear: async () => {},
      on() {
        return this;
      },
    };
    const keyv = new Keyv({ store: store as never, throwOnErrors: true });
    const e = engineWithArticles(4, {
      cache: new GuardedCache(keyv, { logger: makeEngine().log.logger, opTimeoutMs: 100 }),
    });
    const started = performance.now();
    const r = await e.briefings.get(request);
    expect(r.briefing.kind).toBe('llm');
    expect(performance.now() - started).toBeLessThan(3_000);
    await e.close();
  });
});

describe('Briefings select articles', () => {
  it('says so, with no LLM call, when no article matches', async () => {
    const { briefings, close } = engineWithArticles();
    await expect(briefings.get({ ...request, topic: 'volcano' })).rejects.toThrow(UserFacingError);
    await expect(briefings.get({ ...request, topic: 'volcano' })).rejects.toThrow(
      /No stored articles match “volcano”/,
    );
    expect(llm.calls).toBe(0);
    await close();
  });

  it('widens to the most recent articles when nothing is that recent, and says so', async () => {
    const engine = makeEngine({ llmBaseURL: llm.baseURL });
    engine.store.upsert(makeArticle(1, engine.now(), { hoursAgo: 24 * 30 }));
    const r = await engine.briefings.get({ ...request, hours: 24 });
    expect(r.briefing.window).toEqual({ hours: 24, widened: true });
    const recent = await engine.briefings.get({ ...request, hours: 24 * 60 });
    expect(recent.briefing.window).toEqual({ hours: 24 * 60, widened: false });
    await engine.close();
  });
});
