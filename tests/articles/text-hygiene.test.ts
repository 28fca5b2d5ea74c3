import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import {
  ArticleRejectedError,
  capText,
  notLanguageReason,
  stripControlCharacters,
} from '../../src/articles/text-hygiene.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples/articles');

describe('stripControlCharacters', () => {
  it('removes C0/C1 controls, bidi overrides and isolates, the BOM and lone surrogates; keeps newlines, tabs and emoji', () => {
    expect(
      stripControlCharacters('\ufeffa\u0007b\u0085c\u202ed\u2066e\u2069\r\nf\tg \ud83d\udcf0 \ud800h'),
    ).toBe('abcde\nf\tg \ud83d\udcf0 h');
  });
});

describe('notLanguageReason', () => {
  it('accepts every bundled sample article and text in scripts without spaces', () => {
    for (const file of readdirSync(SAMPLES).filter((f) => /\.(txt|md)$/.test(f)))
      expect([file, notLanguageReason(readFileSync(path.join(SAMPLES, file), 'utf8'))]).toEqual([file, null]);
    expect(notLanguageReason('東京都は二日、新たな感染者が確認されたと発表した。')).toBeNull();
    expect(notLanguageReason('กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย')).toBeNull();
    expect(
      notLanguageReason('Die Stadt hat 1.234.567 Einwohner (Stand: 31.12.2025) – „größer als je zuvor“.'),
    ).toBeNull();
  });

  it('refuses random bytes decoded either way, and base64 blobs, each with a reason', () => {
    const bytes = randomBytes(20_000).filter((b) => b !== 0);
    expect(notLanguageReason(new TextDecoder('windows-1252').decode(bytes))).toMatch(/binary data/);
    expect(notLanguageReason(new TextDecoder().decode(bytes))).toMatch(/undecodable bytes/);
    expect(notLanguageReason(`Photo: ${randomBytes(3000).toString('base64')}`)).toMatch(/encoded data/);
  });
});

describe('capText', () => {
  it('leaves a text within the limit alone', () => {
    expect(capText('Short text.', 100)).toEqual({ text: 'Short text.', cut: false });
  });

  it('cuts at a paragraph, else a sentence, else a word boundary near the limit', () => {
    const paragraphs = `${'A sentence here. '.repeat(5).trim()}\n\n${'More words follow. '.repeat(5)}`;
    expect(capText(paragraphs, 100)).toEqual({ text: 'A sentence here. '.repeat(5).trim(), cut: true });
    expect(capText('One two three. Four five six seven eight nine.', 17)).toEqual({
      text: 'One two three.',
      cut: true,
    });
    expect(capText('alpha beta gamma delta epsilon', 20)).toEqual({ text: 'alpha beta gamma', cut: true });
  });
});

describe('the store applies the hygiene to every article it is given', () => {
  const article = (body: string, title = 'Harbour news') => ({
    url: null,
    title,
    body,
    source: 'Test',
    byline: null,
    publishedAt: null,
    imageUrl: null,
  });

  it('stores text without control and bidi characters', () => {
    const store = new ArticleStore({ db: openDatabase(':memory:') });
    const { article: saved } = store.upsert(
      article('The port \u202ereopened\u202c on Monday.\u0007 Ships \u001b returned.', 'Port\u0000 reopens'),
    );
    expect(saved.title).toBe('Port reopens');
    expect(saved.body).toBe('The port reopened on Monday. Ships  returned.');
  });

  it('refuses binary noise with the reason, and stores nothing', () => {
    const store = new ArticleStore({ db: openDatabase(':memory:') });
    const noise = new TextDecoder('windows-1252').decode(randomBytes(4000).filter((b) => b !== 0));
    expect(() => store.upsert(article(noise))).toThrow(ArticleRejectedError);
    expect(store.count()).toBe(0);
  });

  it('cuts a body over the limit at a boundary and logs it once', () => {
    const warned: unknown[] = [];
    const store = new ArticleStore({
      db: openDatabase(':memory:'),
      maxBodyChars: 10_000,
      logger: { warn: (obj: unknown) => void warned.push(obj) },
    });
    const body = 'The harbour reopened after repairs to the sea wall. '.repeat(1_000);
    const { article: saved } = store.upsert(article(body));
    expect(saved.body.length).toBeLessThanOrEqual(10_000);
    expect(saved.body.endsWith('sea wall.')).toBe(true);
    expect(warned).toEqual([expect.objectContaining({ chars: body.trim().length, kept: saved.body.length })]);
  });
});
