import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnBot } from '../support/bot-process.js';
import { FakeLlm, type PerturbKind } from '../support/fake-llm.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await FakeLlm.start();
});
afterAll(async () => {
  await llm.close();
});
beforeEach(() => llm.reset());

/** Runs one /news in the console over the samples with the fake LLM answering as `perturb` says. */
async function consoleNews(command: string, perturb: PerturbKind[]) {
  llm.set({ perturb });
  const bot = spawnBot(
    ['console'],
    { OPENAI_BASE_URL: llm.baseURL, OPENAI_API_KEY: 'sk-e2e-support', OPENAI_MODEL: 'fake-model' },
    { stdin: `${command}\n` },
  );
  expect(await bot.exited).toBe(0);
  const answer = JSON.parse(llm.answers.at(-1)!) as { bullets: { text: string }[] };
  const texts = answer.bullets.map((b) => b.text);
  const dropped = bot.logs().filter((l) => l.msg === 'bullet dropped: claims not found in its sources');
  return {
    out: bot.stdout(),
    perturbed: texts.slice(0, perturb.length),
    faithful: texts.slice(perturb.length),
    dropped,
  };
}

/** The first eight words of a bullet. */
const opening = (text: string) => text.split(/\s+/).slice(0, 8).join(' ');

describe('the support check through the real bot (console, fake LLM)', () => {
  it('drops bullets with a changed number or a shifted date, keeps the faithful ones and logs the claim', async () => {
    const run = await consoleNews('/news topic:london', ['number', 'date']);
    expect(run.faithful.length).toBeGreaterThanOrEqual(3);
    for (const text of run.perturbed) expect(run.out).not.toContain(text);
    // The engine holds bullets to the word limit, so a faithful bullet shows at least its opening words.
    for (const text of run.faithful) expect(run.out).toContain(`• ${opening(text)}`);
    expect(run.out).toMatch(/· fake-model\n/);
    expect(run.dropped.map((l) => l.bullet)).toEqual(run.perturbed);
    // A shifted year is reported as a number, a shifted day as a date.
    const kinds = run.dropped.map((l) => (l.claims as { kind: string }[]).map((c) => c.kind));
    expect(kinds[0]).toContain('number');
    expect(kinds[1]!.some((k) => k === 'date' || k === 'number')).toBe(true);
  });

  it('drops bullets with a swapped name or an invented quote', async () => {
    const run = await consoleNews('/news topic:tsunami', ['name', 'quote']);
    for (const text of run.perturbed) expect(run.out).not.toContain(text);
    // The engine holds bullets to the word limit, so a faithful bullet shows at least its opening words.
    for (const text of run.faithful) expect(run.out).toContain(`• ${opening(text)}`);
    expect(run.dropped.flatMap((l) => l.claims as { kind: string }[]).map((c) => c.kind)).toEqual(
      expect.arrayContaining(['name', 'quote']),
    );
    expect(run.out).not.toMatch(/We will never accept these terms|Ruritania|Zenda/);
  });

  it('answers with the labelled extractive briefing when most of the answer is unsupported', async () => {
    const run = await consoleNews('/news topic:london', ['number', 'name', 'date', 'quote']);
    for (const text of run.perturbed) expect(run.out).not.toContain(text);
    expect(run.out).toMatch(/extractive summary: the language model's answer did not match its sources/);
    expect(run.dropped).toHaveLength(4);
  });
});
