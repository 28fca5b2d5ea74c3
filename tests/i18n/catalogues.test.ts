import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  LANGUAGES,
  languageOf,
  listText,
  localizations,
  msg,
  t,
  tm,
  type Catalogue,
  type PluralForms,
} from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en.js';

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const sorted = (s: Set<string>) => [...s].sort();

/** Every problem of one catalogue, compared with the English one. */
function problems(language: (typeof LANGUAGES)[number], catalogue: Catalogue): string[] {
  const found: string[] = [];
  const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  for (const key of Object.keys(catalogue))
    if (!(key in en)) found.push(`${key}: not in the English catalogue`);
  for (const [key, source] of Object.entries(en) as [keyof typeof en, string | PluralForms][]) {
    const entry = catalogue[key] as string | PluralForms | undefined;
    if (entry === undefined) {
      found.push(`${key}: missing`);
      continue;
    }
    const want = placeholders(typeof source === 'string' ? source : source.other);
    if (typeof source === 'string') {
      if (typeof entry !== 'string') found.push(`${key}: plural forms for a plain text`);
      else if (sorted(placeholders(entry)).join() !== sorted(want).join())
        found.push(
          `${key}: placeholders ${sorted(placeholders(entry)).join()} instead of ${sorted(want).join()}`,
        );
      else if (!entry.trim()) found.push(`${key}: empty`);
      continue;
    }
    if (typeof entry === 'string') {
      found.push(`${key}: a plain text where plural forms are needed`);
      continue;
    }
    for (const form of needed) if (!(form in entry)) found.push(`${key}: no "${form}" form`);
    for (const [form, text] of Object.entries(entry) as [string, string][]) {
      if (!(needed as string[]).includes(form))
        found.push(`${key}: "${form}" is not a plural form of ${language}`);
      const have = placeholders(text);
      // A form for one number ("the last hour") may leave the count out; nothing else may differ.
      const missing = [...want].filter((p) => !have.has(p) && !(p === 'count' && form !== 'other'));
      const extra = [...have].filter((p) => !want.has(p));
      if (missing.length || extra.length)
        found.push(
          `${key}.${form}: placeholders missing ${missing.join() || '-'}, extra ${extra.join() || '-'}`,
        );
    }
  }
  return found;
}

describe('message catalogues', () => {
  it.each(LANGUAGES)('%s has every key, the same placeholders and the plural forms it needs', (language) => {
    expect(problems(language, CATALOGUES[language])).toEqual([]);
  });

  it('finds a missing key, a wrong placeholder and a missing plural form', () => {
    const rest: Record<string, unknown> = { ...CATALOGUES.de };
    delete rest['share.button'];
    const broken = {
      ...rest,
      'error.internal': 'Fehler {code}',
      'feeds.minutes': { other: '{count} Minuten' },
    } as unknown as Catalogue;
    const found = problems('de', broken);
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        'error.internal: placeholders code instead of id',
        'feeds.minutes: no "one" form',
        'share.button: missing',
      ]),
    );
  });

  it('keeps slash-command descriptions and choice names within Discord’s 100 characters', () => {
    for (const language of LANGUAGES)
      for (const [key, text] of Object.entries(CATALOGUES[language]))
        if (key.startsWith('cmd.') || key.startsWith('choice.'))
          expect((text as string).length, `${language} ${key}`).toBeLessThanOrEqual(100);
  });

  it('maps Discord locales to catalogues', () => {
    expect(languageOf('de')).toBe('de');
    expect(languageOf('fr')).toBe('fr');
    expect(languageOf('es-ES')).toBe('es');
    expect(languageOf('es-419')).toBe('es');
    expect(languageOf('pt-BR')).toBe('pt-BR');
    expect(languageOf('ja')).toBe('ja');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('ko')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('fills placeholders and picks plural forms by Intl.PluralRules', () => {
    expect(t('en', 'feeds.minutes', { count: 1 })).toBe('1 minute');
    expect(t('en-GB', 'feeds.minutes', { count: 30 })).toBe('30 minutes');
    expect(t('de', 'feeds.minutes', { count: 1 })).toBe('1 Minute');
    expect(t('fr', 'feeds.minutes', { count: 0 })).toBe('0 minute');
    expect(t('fr', 'feeds.minutes', { count: 1_000_000 })).toBe('1000000 de minutes');
    expect(t('ja', 'feeds.minutes', { count: 1 })).toBe('1 分');
    expect(t('ko', 'share.button')).toBe('Post in channel');
    expect(t('es-419', 'briefing.noPins', { channel: '42' })).toBe(
      'No había resúmenes fijados por mí en <#42>.',
    );
  });

  it('renders messages kept as data, with nested messages, in the reader’s locale', () => {
    const refusal = msg('permission.needPin', { action: msg('action.pinBriefings') });
    expect(tm('en-US', refusal)).toBe('You need the Pin Messages permission to pin briefings.');
    expect(tm('de', refusal)).toBe(
      'Du brauchst die Berechtigung „Nachrichten anpinnen“, um Briefings anzupinnen.',
    );
    expect(tm('fr', 'plain text')).toBe('plain text');
  });

  it('lists in the reader’s language', () => {
    expect(listText('en', ['A', 'B', 'C'])).toBe('A, B and C');
    expect(listText('de', ['A', 'B'])).toBe('A und B');
  });

  it('gives command localizations for de, fr, es-ES, es-419, pt-BR and ja', () => {
    const l = localizations('cmd.news.private');
    expect(Object.keys(l).sort()).toEqual(['de', 'es-419', 'es-ES', 'fr', 'ja', 'pt-BR']);
    expect(l.de).toBe('Nur du siehst die Antwort');
    expect(l['es-419']).toBe(l['es-ES']);
  });
});
