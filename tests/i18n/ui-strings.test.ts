import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import { resolveTimeZone, timeZoneConfirmation } from '../../src/digest/time-zones.js';
import type { Digest } from '../../src/digest/types.js';
import { digestHeader, digestHeading, reasonText } from '../../src/interactions/describe-digest.js';
import { countText } from '../../src/interactions/plural.js';

const digest: Digest = {
  guildId: 'g1',
  id: 'morning',
  name: 'Morgen',
  channelId: 'c1',
  time: '08:00',
  timezone: 'Europe/Berlin',
  topic: 'Hafen',
  length: 'short',
  pin: false,
  quietNote: false,
  locale: 'fr',
  language: 'de',
  paused: null,
  createdBy: 'u',
  createdAt: 0,
  updatedAt: 0,
  scheduleFrom: 0,
  lastSuccessAt: null,
};
const SINCE = Date.parse('2026-03-26T07:00:00Z');

/** The message a refusal shows a reader of `locale`. */
function refusal(run: () => unknown, locale: string): string {
  try {
    run();
  } catch (err) {
    if (err instanceof UserFacingError) return err.text(locale);
    throw err;
  }
  throw new Error('not refused');
}

describe('main’s interface strings in the reader’s language', () => {
  it('heads a digest in its language, with a timestamp style that reads well there', () => {
    expect(digestHeading(digest, SINCE)).toEqual({
      author: '🗞️ Morgen · every day at 08:00 (Europe/Berlin)',
      line: `**New since <t:${SINCE / 1000}:R>** in <#c1> · about “Hafen”`,
    });
    expect(digestHeading(digest, SINCE, 'de')).toEqual({
      author: '🗞️ Morgen · täglich um 08:00 (Europe/Berlin)',
      line: `**Neu seit <t:${SINCE / 1000}:f>** in <#c1> · über „Hafen“`,
    });
    expect(digestHeading(digest, SINCE, 'ja').line).toBe(
      `**<t:${SINCE / 1000}:R>以降の新着** · <#c1> · 「Hafen」について`,
    );
  });

  it('dates a posted digest in the digest’s language, not a fixed en-GB', () => {
    const meta = { localDate: '2026-03-27', late: false, scheduledAt: SINCE };
    expect(digestHeader(digest, meta)).toBe('🗞️ **Morgen** · Freitag, 27. März');
    expect(digestHeader({ ...digest, language: null }, meta)).toBe('🗞️ **Morgen** · vendredi 27 mars');
    expect(digestHeader({ ...digest, language: null, locale: null }, meta)).toBe(
      '🗞️ **Morgen** · Friday 27 March',
    );
  });

  it('counts with each language’s plural forms and number format', () => {
    expect(countText(1, 'article')).toBe('1 article');
    expect(countText(1204, 'article')).toBe('1,204 articles');
    expect(countText(1, 'newArticle', 'de')).toBe('1 neuer Artikel');
    expect(countText(1204, 'newArticle', 'de')).toBe('1.204 neue Artikel');
    expect(countText(2, 'olderBriefing', 'fr')).toBe('2 résumés plus anciens');
    expect(countText(3, 'story', 'ja')).toBe('ニュース 3 件');
  });

  it('confirms, lists and refuses time zones in the admin’s language', () => {
    expect(timeZoneConfirmation('Berlin', 'de')).toBe('Berlin → Europe/Berlin');
    expect(timeZoneConfirmation('UTC+2', 'fr')).toBe(
      'UTC+2 → Etc/GMT-2 (un décalage fixe, sans heure d’été ; donnez une ville pour la suivre)',
    );
    expect(refusal(() => resolveTimeZone('CST'), 'en')).toBe(
      '“CST” could mean `America/Chicago`, `Asia/Shanghai` or `America/Havana`. Pick one, e.g. `timezone:America/Chicago`.',
    );
    expect(refusal(() => resolveTimeZone('CST'), 'de')).toBe(
      '„CST“ kann `America/Chicago`, `Asia/Shanghai` oder `America/Havana` bedeuten. Wähle eine davon, z. B. `timezone:America/Chicago`.',
    );
    expect(refusal(() => resolveTimeZone('Atlantis'), 'es')).toMatch(/^«Atlantis» no es una zona horaria/);
    expect(refusal(() => resolveTimeZone('+05:17'), 'pt-BR')).toMatch(/Deslocamentos são escritos como/);
  });

  it('translates the run reasons the scheduler records, keeping Discord’s own words', () => {
    expect(reasonText('bot was down at 08:00, beyond the 2 h grace', 'de')).toBe(
      'der Bot war um 08:00 nicht erreichbar, länger als die Kulanzzeit von 2 h',
    );
    expect(reasonText('run by another process (host-2:77)', 'fr')).toBe(
      'exécutée par un autre processus (host-2:77)',
    );
    expect(reasonText('Discord refused: Missing Permissions', 'ja')).toBe(
      'Discord に拒否されました: Missing Permissions',
    );
    expect(reasonText('something new', 'de')).toBe('something new');
  });
});
