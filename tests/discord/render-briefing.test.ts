import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingResult } from '../../src/briefing/types.js';
import { briefingEmbed, leadImage, safeLink } from '../../src/discord/render-briefing.js';
import { digestHeading } from '../../src/interactions/describe-digest.js';
import { LIMITS } from '../../src/interactions/limits.js';

function result(overrides: Partial<Briefing> = {}, cached = false): BriefingResult {
  const sources = [1, 2].map((n) => ({
    n,
    articleId: n,
    title: `Title ${n}`,
    url: `https://news.example/${n}`,
    source: 'Example',
    publishedAt: Date.UTC(2026, 0, n),
  }));
  return {
    cached,
    briefing: {
      headline: 'Harbour repairs approved',
      bullets: [{ text: 'The council approved repairs.', cites: [1, 2] }],
      sources,
      kind: 'llm',
      model: 'gpt-4o-mini',
      fallbackReason: null,
      promptVersion: 'abc',
      generatedAt: Date.UTC(2026, 0, 3),
      topic: 'harbour',
      length: 'standard',
      articleCount: 2,
      sourceNames: ['Example'],
      span: { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 2) },
      window: { hours: 24, widened: false },
      ...overrides,
    },
  };
}

function size(e: ReturnType<typeof briefingEmbed>): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

describe('briefingEmbed', () => {
  it('shows dates as Discord timestamps in the Sources field, never in the footer (which does not render them)', () => {
    const e = briefingEmbed(result());
    expect(e.fields![0]!.value).toMatch(/— Example, <t:\d+:d>$/m);
    expect(e.footer!.text).not.toMatch(/<t:/);
    expect(e.title).not.toMatch(/<t:/);
  });

  it('links the title to the article when the briefing cites exactly one, and not otherwise', () => {
    const one = result();
    one.briefing.sources = one.briefing.sources.slice(0, 1);
    one.briefing.bullets = [{ text: 'The council approved repairs.', cites: [1] }];
    expect(briefingEmbed(one).url).toBe('https://news.example/1');
    expect(briefingEmbed(result()).url).toBeUndefined();
  });

  it('shows the top story’s stored https image as the thumbnail, never an http or foreign-scheme one', () => {
    const r = result();
    expect(briefingEmbed(r).thumbnail).toBeUndefined();
    r.briefing.sources[1]!.imageUrl = 'https://img.example/2.jpg';
    expect(briefingEmbed(r).thumbnail).toEqual({ url: 'https://img.example/2.jpg' });
    r.briefing.sources[0]!.imageUrl = 'https://img.example/1.jpg';
    expect(briefingEmbed(r).thumbnail).toEqual({ url: 'https://img.example/1.jpg' });
    r.briefing.sources[0]!.imageUrl = 'http://img.example/1.jpg';
    r.briefing.sources[1]!.imageUrl = 'javascript:alert(1)';
    expect(leadImage(r)).toBeNull();
    expect(briefingEmbed(r).thumbnail).toBeUndefined();
  });

  it('heads a digest with its name and schedule (author) and what is new since when, in its own colour', () => {
    const since = Date.UTC(2026, 0, 2, 6);
    const heading = digestHeading(
      { name: 'Morning', channelId: '42', time: '08:00', timezone: 'Europe/Berlin', topic: 'harbour' },
      since,
    );
    const e = briefingEmbed(result(), { digest: heading });
    expect(e.author).toEqual({ name: '🗞️ Morning · every day at 08:00 (Europe/Berlin)' });
    expect(e.description!.split('\n')[0]).toBe(
      `**New since <t:${since / 1000}:R>** in <#42> · about “harbour”`,
    );
    expect(e.color).not.toBe(briefingEmbed(result()).color);
  });

  it('ends each bullet with linked citations and lists the sources', () => {
    const e = briefingEmbed(result({}, true));
    expect(e.description).toBe(
      '• The council approved repairs. [[1]](https://news.example/1)[[2]](https://news.example/2)',
    );
    expect(e.fields?.[0]?.value).toBe(
      `\`1\` [Title 1](https://news.example/1) — Example, <t:${Date.UTC(2026, 0, 1) / 1000}:d>\n\`2\` [Title 2](https://news.example/2) — Example, <t:${Date.UTC(2026, 0, 2) / 1000}:d>`,
    );
    expect(e.footer?.text).toBe(
      '2 of 2 articles cited · Example · 1 Jan 2026 – 2 Jan 2026 · gpt-4o-mini · cached',
    );
  });

  it('labels an extractive briefing and a widened window', () => {
    const e = briefingEmbed(
      result({
        kind: 'extractive',
        model: null,
        fallbackReason: 'the language model is rate-limited right now',
        window: { hours: 24, widened: true },
      }),
    );
    expect(e.description).toMatch(
      /^\*Nothing was published in the last 24 hours; these are the most recent articles\. Sentences quoted from the articles \(no AI summary\)\.\*/,
    );
    expect(e.footer?.text).toMatch(/extractive summary: the language model is rate-limited right now$/);
  });

  it('escapes Markdown and neutralises mentions in article titles', () => {
    const r = result();
    r.briefing.sources[0]!.title = '**Big** news @everyone <@123456789012345678> [x](https://evil.example)';
    const value = briefingEmbed(r).fields![0]!.value;
    expect(value).not.toMatch(/@everyone|<@\d|\*\*Big\*\*/);
  });

  it('never links anything but http(s) URLs', () => {
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('https://a.example/x_(y)')).toBe('https://a.example/x_%28y%29');
  });

  it('stays within limits when escaping lengthens text and links are huge', () => {
    const r = result({ headline: '_*'.repeat(300) });
    r.briefing.sources[0]!.url = `https://news.example/${'(x)'.repeat(500)}`;
    r.briefing.sources[1]!.title = '*'.repeat(400);
    const e = briefingEmbed(r);
    expect(e.title!.length).toBeLessThanOrEqual(LIMITS.title);
    for (const f of e.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(e.fields![0]!.value).toMatch(/^`1` Title 1 — /);
    expect(safeLink(`https://a.example/${'a'.repeat(600)}`)).toBeNull();
  });

  it('stays within every embed limit for the longest briefing, without cutting words', () => {
    const long = 'word '.repeat(400).trim();
    const sources = Array.from({ length: 16 }, (_, i) => ({
      n: i + 1,
      articleId: i,
      title: `${'Very long headline '.repeat(20)}${i}`,
      url: `https://news.example/${'p'.repeat(200)}/${i}`,
      source: 'S'.repeat(60),
      publishedAt: 0,
    }));
    const bullets = Array.from({ length: 7 }, (_, i) => ({ text: long, cites: [i * 2 + 1, i * 2 + 2] }));
    const e = briefingEmbed(result({ headline: 'H '.repeat(300), bullets, sources }));
    expect(e.title!.length).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(e.fields!.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(size(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const line of e.description!.split('\n'))
      expect(line).toMatch(/^• (word )*word… (\[\[\d+\]\]\([^)]+\))+$/);
  });
});
