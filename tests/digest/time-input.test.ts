import { describe, expect, it } from 'vitest';
import { parseTimeOfDay } from '../../src/digest/schedule.js';
import { resolveTimeZone, timeZoneChoices } from '../../src/digest/time-zones.js';
import { UserFacingError } from '../../src/errors.js';

describe('time of day', () => {
  it('reads the ways admins write a time, as HH:MM on a 24-hour clock', () => {
    expect(parseTimeOfDay('8:00')).toBe('08:00');
    expect(parseTimeOfDay('08:00')).toBe('08:00');
    expect(parseTimeOfDay(' 18.30 ')).toBe('18:30');
    expect(parseTimeOfDay('0830')).toBe('08:30');
    expect(parseTimeOfDay('7pm')).toBe('19:00');
    expect(parseTimeOfDay('12 am')).toBe('00:00');
    expect(parseTimeOfDay('6:30 PM')).toBe('18:30');
    expect(parseTimeOfDay('23:59')).toBe('23:59');
  });

  it('refuses anything else with an example of a right one', () => {
    for (const bad of ['24:00', '8', '08:60', 'noon', '13pm', '', '8:5', '-1:00']) {
      expect(() => parseTimeOfDay(bad), bad).toThrow(UserFacingError);
    }
    expect(() => parseTimeOfDay('25:00')).toThrow(/e\.g\. `08:00` or `18:30`/);
  });
});

describe('time zones', () => {
  it('accepts IANA names in any case, UTC, Etc/* and known aliases, and returns the spelling to store', () => {
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone('America/New York')).toBe('America/New_York');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('utc')).toBe('UTC');
    expect(resolveTimeZone('GMT')).toBe('UTC');
    expect(resolveTimeZone('Etc/GMT+5')).toBe('Etc/GMT+5');
    expect(resolveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZone('Asia/Calcutta')).toBe('Asia/Calcutta');
    expect(resolveTimeZone('US/Eastern')).toBe('America/New_York');
  });

  it('refuses unknown names and impossible offsets, with an example', () => {
    for (const bad of [
      'Mars/Olympus_Mons',
      'Atlantis',
      'XYZT',
      'UTC+15',
      '+05:17',
      '',
      'Europe/Berlin; DROP TABLE',
    ]) {
      expect(() => resolveTimeZone(bad), bad).toThrow(UserFacingError);
    }
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(/e\.g\. `Europe\/Berlin`/);
    expect(() => resolveTimeZone('+05:17')).toThrow(/Offsets are written like `UTC\+2`/);
  });

  it('autocompletes by prefix, then by a part of the name, then by substring; at most 25', () => {
    expect(timeZoneChoices('europe/ber')[0]).toBe('Europe/Berlin');
    expect(timeZoneChoices('berl')).toContain('Europe/Berlin');
    expect(timeZoneChoices('new y')[0]).toBe('America/New_York');
    expect(timeZoneChoices('kolk')).toEqual(['Asia/Kolkata']);
    expect(timeZoneChoices('calc')).toEqual(['Asia/Kolkata']); // the former name is accepted, but not suggested
    expect(timeZoneChoices('utc')[0]).toBe('UTC');
    const york = timeZoneChoices('york');
    expect(york).toContain('America/New_York');
    expect(timeZoneChoices('america').length).toBe(25);
    expect(timeZoneChoices('', 25).length).toBeGreaterThan(5);
    expect(timeZoneChoices('zzzz')).toEqual([]);
    // Whole-name prefix matches ("Macau"...) all come before part matches ("America/Managua"...).
    const ma = timeZoneChoices('ma');
    const firstPart = ma.findIndex((z) => !z.toLowerCase().startsWith('ma'));
    expect(ma.slice(firstPart).every((z) => !z.toLowerCase().startsWith('ma'))).toBe(true);
  });

  it('never offers more than Discord’s 25 choices, whatever is typed', () => {
    for (const q of ['', 'a', 'eu', 'new', 'ber', 'x'])
      expect(timeZoneChoices(q).length).toBeLessThanOrEqual(25);
  });
});
