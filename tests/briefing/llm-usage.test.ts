import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { LlmClient, endpointHost, type LlmUsage } from '../../src/briefing/llm-client.js';
import { LlmUsageLedger, utcDay } from '../../src/briefing/llm-usage.js';
import { makeArticle, makeEngine, recordingLogger } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await FakeLlm.start();
});
afterAll(async () => {
  await llm.close();
});
beforeEach(() => llm.reset());

function client(onCall: (outcome: string, usage: LlmUsage) => void, maxRetries = 0) {
  return new LlmClient({
    baseURL: llm.baseURL,
    apiKey: 'sk-test',
    model: 'fake-model',
    timeoutMs: 5_000,
    maxRetries,
    responseFormat: 'json_schema',
    logger: recordingLogger().logger,
    onCall,
  });
}

const ask = (c: LlmClient) =>
  c.completeJson([{ role: 'user', content: 'Summarise nothing.' }], 'briefing', { type: 'object' });

describe('LLM usage', () => {
  it('the client reports each call once, with the tokens the endpoint counted', async () => {
    const calls: [string, LlmUsage][] = [];
    await ask(client((o, u) => void calls.push([o, u])));
    expect(calls).toEqual([['ok', { input: 100, output: 50 }]]);

    llm.set({ failStatus: 500, failTimes: 1 });
    await ask(client((o, u) => void calls.push([o, u]), 1));
    expect(calls[1]).toEqual(['ok', { input: 100, output: 50 }]); // one call, its retry included

    llm.set({ failStatus: 429, retryAfter: '0' });
    await expect(ask(client((o, u) => void calls.push([o, u])))).rejects.toThrow(/rate-limited/);
    expect(calls[2]).toEqual(['rate_limited', { input: 0, output: 0 }]);
    llm.set({ refuse: true });
    await expect(ask(client((o, u) => void calls.push([o, u])))).rejects.toThrow(/declined/);
    expect(calls[3]).toEqual(['refused', { input: 100, output: 50 }]);
  });

  it('a failing counter never fails the call', async () => {
    const answer = await ask(
      client(() => {
        throw new Error('disk full');
      }),
    );
    expect(answer.length).toBeGreaterThan(0);
  });

  it('keeps calls and tokens per UTC day in the database, across a restart', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsdesk-usage-')), 'newsdesk.db');
    const midnight = Date.UTC(2026, 11, 2);
    let db = openDatabase(file);
    let ledger = new LlmUsageLedger(db);
    ledger.record(midnight - 1, true, { input: 7, output: 3 }); // the day before, 23:59:59.999
    ledger.record(midnight, true, { input: 100, output: 50 });
    ledger.record(midnight + 3_600_000, false, { input: 0, output: 0 });
    db.close();
    db = openDatabase(file);
    ledger = new LlmUsageLedger(db);
    ledger.record(midnight + 7_200_000, true, { input: 10, output: 5 });
    expect(ledger.day(midnight + 86_399_999)).toEqual({
      day: '2026-12-02',
      calls: 3,
      failures: 1,
      inputTokens: 110,
      outputTokens: 55,
    });
    expect(ledger.day(midnight - 5)).toMatchObject({ day: '2026-12-01', calls: 1, inputTokens: 7 });
    expect(ledger.day(midnight + 86_400_000)).toMatchObject({ day: '2026-12-03', calls: 0, inputTokens: 0 });
    expect(utcDay(midnight)).toBe('2026-12-02');
    db.close();
  });

  it('names the endpoint by host only, never credentials or path', () => {
    expect(endpointHost('https://user:sk-secret@llm.example:8443/v1?key=abc')).toBe('llm.example:8443');
    expect(endpointHost(undefined)).toBe('api.openai.com');
    expect(endpointHost('not a url')).toBe('unknown host');
  });

  it('the engine counts cache misses and hits', async () => {
    const lookups: boolean[] = [];
    const engine = makeEngine({
      llmBaseURL: llm.baseURL,
      metrics: { cacheLookup: (hit) => void lookups.push(hit) },
    });
    for (let n = 1; n <= 3; n++) engine.store.upsert(makeArticle(n, engine.now()));
    const request = { topic: 'harbour', hours: 24, length: 'standard' as const };
    await engine.briefings.get(request);
    await engine.briefings.get(request);
    expect(lookups).toEqual([false, true]);
    await engine.close();
  });
});
