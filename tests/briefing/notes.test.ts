import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leadNotes, parseNotes } from '../../src/briefing/notes.js';
import { FakeLlm } from '../support/fake-llm.js';
import { makeArticle, makeEngine } from '../support/app-fixtures.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await FakeLlm.start();
});
afterAll(() => llm.close());
beforeEach(() => {
  llm.set({});
  llm.reset();
});

const NOW = Date.UTC(2026, 10, 26, 12);

/** Articles of eight sentences each: the fake's notes copy the first six, never the last. */
function stored(engine: ReturnType<typeof makeEngine>, count: number) {
  for (let n = 1; n <= count; n++) {
    // Headlines about different events (one story each), all matching "harbour" in their text.
    const place = ['Lisbon', 'Oslo', 'Nairobi', 'Lima', 'Hanoi', 'Quito', 'Dakar', 'Perth'][n % 8];
    const thing = ['ferry', 'bridge', 'museum', 'school', 'airport', 'stadium', 'library', 'tram'][
      (n * 3) % 8
    ];
    const base = makeArticle(n, NOW, { hoursAgo: n, title: `${place} ${thing} report ${n}` });
    const more = [
      `The harbour board met on Monday to discuss plan ${n}.`,
      `Engineers inspected the quay walls before the vote on plan ${n}.`,
      `The port authority said traffic would continue during the works.`,
      `The last line of story ${n} is never in its notes.`,
    ].join(' ');
    engine.store.upsert({ ...base, body: `${base.body}\n\n${more}` });
  }
  return engine.store.list({ limit: count });
}

describe('article notes (the map step)', () => {
  it('keeps notes in plain text and drops one whose number, name or quote the article lacks', () => {
    const [article] = [{ ...makeArticle(7, NOW), id: 1, contentHash: 'h', fetchedAt: NOW, url: null }];
    const answer = JSON.stringify({
      notes: [
        '**The city council** approved harbour repairs worth 7 million euros on Tuesday @everyone.',
        'The repairs will cost 9 million euros.',
        'Work will start in spring and last two years, see https://evil.example/x.',
      ],
    });
    const { notes, dropped } = parseNotes(answer, article);
    expect(dropped).toBe(1);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^The city council approved harbour repairs worth 7 million euros on Tuesday/);
    expect(notes.join(' ')).not.toMatch(/\*\*|@everyone|https?:/);
    expect(parseNotes('not json', article)).toEqual({ notes: [], dropped: 0 });
  });

  it('condenses each article once: later briefings over the same articles, for any topic or length, send no article text again', async () => {
    const engine = makeEngine({ llmBaseURL: llm.baseURL, notes: true, now: () => NOW });
    try {
      stored(engine, 8);
      const first = await engine.briefings.get({ topic: 'harbour', hours: 48, length: 'standard' });
      expect(first.briefing.kind).toBe('llm');
      expect(llm.notesCalls).toBe(8);
      // The briefing prompt carries the notes, not the article text.
      const briefingRequest = llm.requests.find((r) => !JSON.stringify(r.body).includes('You take notes'))!;
      const prompt = JSON.stringify(briefingRequest.body.messages);
      expect(prompt).toContain('notes:\\n- ');
      expect(prompt).toContain('Officials said the project number 3 would create jobs');
      expect(prompt).not.toContain('The last line of story 3 is never in its notes.');
      await engine.briefings.get({ topic: 'council', hours: 48, length: 'short', locale: 'de' });
      await engine.briefings.get({ topic: null, hours: 48, length: 'detailed' });
      expect(llm.notesCalls).toBe(8);
      expect(llm.calls).toBe(3);
    } finally {
      await engine.close();
    }
  });

  it('shares one notes call between concurrent requests, and covers more articles than the text path', async () => {
    const engine = makeEngine({ llmBaseURL: llm.baseURL, notes: true, now: () => NOW });
    const plain = makeEngine({ llmBaseURL: llm.baseURL, now: () => NOW });
    try {
      stored(engine, 15);
      stored(plain, 15);
      llm.set({ notesDelayMs: 100 });
      const results = await Promise.all([
        engine.briefings.get({ topic: 'harbour', hours: 48, length: 'standard' }),
        engine.briefings.get({ topic: 'harbour', hours: 48, length: 'short' }),
      ]);
      expect(llm.notesCalls).toBe(12);
      expect(results.map((r) => r.briefing.articleCount)).toEqual([12, 12]);
      const viaText = await plain.briefings.get({ topic: 'harbour', hours: 48, length: 'standard' });
      expect(viaText.briefing.articleCount).toBe(10);
    } finally {
      await engine.close();
      await plain.close();
    }
  });

  it("falls back to each article's lead when its notes cannot be written, and then does not cache the briefing", async () => {
    const engine = makeEngine({ llmBaseURL: llm.baseURL, notes: true, now: () => NOW });
    try {
      const [article] = stored(engine, 3);
      expect(leadNotes(article!).notes[0]).toMatch(/^The city council approved harbour repairs/);
      // A request stops waiting at its deadline (the notes are finished in the background).
      llm.set({ notesDelayMs: 300 });
      const waited = await engine.notes!.forArticles([article!], { signal: AbortSignal.timeout(50) });
      expect(waited[0]!.kind).toBe('lead');
      await new Promise((r) => setTimeout(r, 400));
      // The endpoint fails the other two articles' notes calls, then answers the briefing call.
      llm.set({ failStatus: 500, failTimes: 2 });
      const briefing = await engine.briefings.get({ topic: 'harbour', hours: 48, length: 'short' });
      expect(briefing.briefing.kind).toBe('llm');
      expect(
        engine.log.lines.some((l) => l.msg === 'briefing not cached: some notes came from the lead'),
      ).toBe(true);
      llm.set({});
      const again = await engine.briefings.get({ topic: 'harbour', hours: 48, length: 'short' });
      expect(again.cached).toBe(false);
      const third = await engine.briefings.get({ topic: 'harbour', hours: 48, length: 'short' });
      expect(third.cached).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('NOTES_EAGER: queued articles get their notes in the background, and a later briefing finds them', async () => {
    const engine = makeEngine({ llmBaseURL: llm.baseURL, notes: true, now: () => NOW });
    try {
      const articles = stored(engine, 4);
      engine.notes!.enqueue(articles);
      for (let i = 0; i < 100 && llm.notesCalls < 4; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      expect(llm.notesCalls).toBe(4);
      await engine.briefings.get({ topic: 'harbour', hours: 48, length: 'short' });
      expect(llm.notesCalls).toBe(4);
      expect(llm.calls).toBe(1);
    } finally {
      await engine.close();
    }
  });
});

describe('repeated notes in one story', () => {
  it('gives a fact once per story, and an article with nothing new says which article it repeats', async () => {
    const { withoutRepeatedNotes } = await import('../../src/briefing/build-prompt.js');
    const mk = (id: number, storyId: number) => ({
      ...makeArticle(id, NOW),
      id,
      storyId,
      contentHash: 'h',
      fetchedAt: NOW,
    });
    const articles = [mk(1, 1), mk(2, 1), mk(3, 2)];
    const same = 'The council approved harbour repairs worth 7 million euros on Tuesday.';
    const other = same.replace('7 million', '8 million');
    const out = withoutRepeatedNotes(articles, [
      [same, 'Work will start in spring.'],
      [same, 'Work will start in spring.'],
      [same],
    ]);
    expect(out).toEqual([
      [same, 'Work will start in spring.'],
      ['reports the same facts as article 1'],
      [same], // another story: given again
    ]);
    // Alike but for a number: a different fact, kept.
    expect(withoutRepeatedNotes(articles.slice(0, 2), [[same], [other]])).toEqual([[same], [other]]);
  });
});
