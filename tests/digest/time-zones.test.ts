import { describe, expect, it } from 'vitest';
import {
  readTimeZone,
  resolveTimeZone,
  timeZoneChoices,
  timeZoneConfirmation,
} from '../../src/digest/time-zones.js';
import { ABBREVIATIONS, FRACTIONAL_OFFSETS, PLACE_NAMES } from '../../src/digest/time-zone-names.js';
import { UserFacingError } from '../../src/errors.js';

describe('time zones as admins type them', () => {
  it.each([
    ['Berlin', 'Europe/Berlin'],
    ['berlin', 'Europe/Berlin'],
    ['New York', 'America/New_York'],
    ['new_york', 'America/New_York'],
    ['sao paulo', 'America/Sao_Paulo'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['Zürich', 'Europe/Zurich'],
    ['Munich', 'Europe/Berlin'],
    ['San Francisco', 'America/Los_Angeles'],
    ['Mumbai', 'Asia/Kolkata'],
    ['Japan', 'Asia/Tokyo'],
    ['Ho Chi Minh City', 'Asia/Ho_Chi_Minh'],
  ])('reads the place %j as %s', (typed, zone) => {
    expect(readTimeZone(typed)).toEqual({ zone, via: 'place' });
  });

  it.each([
    ['CET', 'Europe/Berlin'],
    ['cest', 'Europe/Berlin'],
    ['PST', 'America/Los_Angeles'],
    ['EST', 'America/New_York'],
    ['JST', 'Asia/Tokyo'],
    ['AEST', 'Australia/Sydney'],
    ['GMT', 'UTC'],
  ])('reads the abbreviation %s as %s', (typed, zone) => {
    expect(resolveTimeZone(typed)).toBe(zone);
  });

  it.each([
    ['UTC+2', 'Etc/GMT-2'],
    ['utc-5', 'Etc/GMT+5'],
    ['GMT-3', 'Etc/GMT+3'],
    ['+02:00', 'Etc/GMT-2'],
    ['UTC+14', 'Etc/GMT-14'],
    ['UTC-12', 'Etc/GMT+12'],
    ['UTC+0', 'UTC'],
    ['+05:30', 'Asia/Kolkata'],
    ['UTC+5:45', 'Asia/Kathmandu'],
  ])('reads the offset %s as %s, a zone Intl accepts', (typed, zone) => {
    expect(readTimeZone(typed)).toEqual({ zone, via: 'offset' });
    expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });

  it('keeps IANA names as they are, in the stored spelling', () => {
    expect(readTimeZone('europe/berlin')).toEqual({ zone: 'Europe/Berlin', via: 'name' });
    expect(readTimeZone('US/Eastern')).toEqual({ zone: 'America/New_York', via: 'name' });
  });

  it('lists the candidates of an ambiguous name and asks to pick one', () => {
    expect(() => resolveTimeZone('CST')).toThrow(UserFacingError);
    expect(() => resolveTimeZone('CST')).toThrow(
      /“CST” could mean `America\/Chicago`, `Asia\/Shanghai` or `America\/Havana`\. Pick one, e\.g\. `timezone:America\/Chicago`/,
    );
    expect(() => resolveTimeZone('IST')).toThrow(/Asia\/Kolkata.*Europe\/Dublin.*Asia\/Jerusalem/);
    expect(() => resolveTimeZone('USA')).toThrow(/America\/New_York.*America\/Los_Angeles/);
  });

  it('refuses what it does not know, with an example', () => {
    expect(() => resolveTimeZone('Atlantis')).toThrow(/not a time zone I know.*e\.g\. `Europe\/Berlin`/);
  });

  it('confirms how a name was read, and says nothing for an IANA name', () => {
    expect(timeZoneConfirmation('Berlin')).toBe('Berlin → Europe/Berlin');
    expect(timeZoneConfirmation('CET')).toBe('CET → Europe/Berlin');
    expect(timeZoneConfirmation('UTC+2')).toMatch(
      /^UTC\+2 → Etc\/GMT-2 \(a fixed offset: no daylight saving/,
    );
    expect(timeZoneConfirmation('Europe/Berlin')).toBeNull();
    expect(timeZoneConfirmation('CST')).toBeNull();
  });

  it('offers the zones of a typed place, abbreviation or offset first in autocomplete', () => {
    expect(timeZoneChoices('munich')[0]).toBe('Europe/Berlin');
    expect(timeZoneChoices('cst').slice(0, 3)).toEqual([
      'America/Chicago',
      'Asia/Shanghai',
      'America/Havana',
    ]);
    expect(timeZoneChoices('utc+2')[0]).toBe('Etc/GMT-2');
    expect(timeZoneChoices('berlin')[0]).toBe('Europe/Berlin');
    expect(timeZoneChoices('san fr')[0]).toBe('America/Los_Angeles');
  });

  it('has tables that name only zones the runtime knows', () => {
    const zones = [
      ...Object.values(PLACE_NAMES),
      ...Object.values(ABBREVIATIONS),
      ...Object.values(FRACTIONAL_OFFSETS),
    ].flat();
    const unknown = zones.filter((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
  });
});
