import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlm } from './fake-llm.js';

const RECORDED = new URL('../fixtures/openai-recorded/', import.meta.url);
const recordedCompletion: unknown = JSON.parse(
  readFileSync(new URL('parser-parse-zod-deserialises-response-format-1.txt', RECORDED), 'utf8'),
);
const recordedChunks = readFileSync(new URL('chatcompletionstream-stream-works-1.txt', RECORDED), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('data: {'))
  .map((l): unknown => JSON.parse(l.slice(6)));

/** The set of key paths of a JSON value (array items merged), to compare shapes. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value))
    return value.length ? [...new Set(value.flatMap((v) => shape(v, `${prefix}[]`)))] : [`${prefix}[]`];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...shape(v, `${prefix}.${k}`)]);
  return [];
}

let llm: FakeLlm;
let client: OpenAI;
const messages = [
  { role: 'system' as const, content: 'Write 2 bullets.' },
  {
    role: 'user' as const,
    content:
      '<article id="1">\ntitle: Harbour\nsource: S\npublished: x\n\nThe harbour opened. More text.\n</article>\n\n<article id="2">\ntitle: Bridge\nsource: S\npublished: x\n\nThe bridge closed. More.\n</article>',
  },
];

beforeAll(async () => {
  llm = await FakeLlm.start();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: llm.baseURL, maxRetries: 0 });
});
afterAll(() => llm.close());

describe('fake LLM server', () => {
  it('answers a plain completion in the shape of a recorded real one, derived from the prompt', async () => {
    const res = await client.chat.completions.create({ model: 'm', messages });
    expect(shape(res).sort()).toEqual(shape(recordedCompletion).sort());
    const answer = JSON.parse(res.choices[0]!.message.content!) as { bullets: unknown };
    expect(answer.bullets).toEqual([
      { text: 'The harbour opened.', sources: [1] },
      { text: 'The bridge closed.', sources: [2] },
    ]);
  });

  it('streams chunks shaped like the recorded ones, ending with [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: unknown[] = [];
    let text = '';
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect((JSON.parse(text) as { headline: unknown }).headline).toBe('Briefing: Harbour');
    const recordedKeys = new Set(recordedChunks.flatMap((c) => shape(c)));
    for (const key of chunks.flatMap((c) => shape(c)))
      expect(recordedKeys.has(key) || key.startsWith('.usage')).toBe(true);
    expect((chunks.at(-1) as { usage?: unknown }).usage).toBeDefined();
  });

  it('fails on request the way the real API does', async () => {
    llm.set({ failStatus: 429, failTimes: 1 });
    await expect(client.chat.completions.create({ model: 'm', messages })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
    expect(
      (await client.chat.completions.create({ model: 'm', messages })).choices[0]!.message.content,
    ).toContain('headline');
  });
});
