import { describe, expect, it } from 'vitest';
import news from '../../commands/news.js';
import { resolveOptions } from '../../src/interactions/options.js';
import { UserFacingError } from '../../src/errors.js';

const json = news.data.toJSON();

describe('resolveOptions against /news', () => {
  it('coerces text from the console to the declared types', () => {
    const o = resolveOptions(json, null, { topic: 'iraq', hours: '48', length: 'short', private: 'yes' });
    expect([
      o.getString('topic'),
      o.getNumber('hours'),
      o.getString('length'),
      o.getBoolean('private'),
    ]).toEqual(['iraq', 48, 'short', true]);
  });

  it('accepts typed values as Discord sends them', () => {
    expect(resolveOptions(json, null, { hours: 6, private: false }).getNumber('hours')).toBe(6);
  });

  it.each([
    [{ hours: 'soon' }, /hours.*whole number/],
    [{ hours: '0' }, /hours.*between 1 and 720/],
    [{ hours: '4.5' }, /whole number/],
    [{ length: 'epic' }, /length.*short, standard, detailed/],
    [{ private: 'maybe' }, /private.*true or false/],
    [{ colour: 'red' }, /no option `colour`.*topic, hours, length, private/],
    [{ topic: 'x'.repeat(101) }, /at most 100 characters/],
  ])('refuses %j with a clear message', (raw, message) => {
    expect(() => resolveOptions(json, null, raw as Record<string, string>)).toThrow(UserFacingError);
    expect(() => resolveOptions(json, null, raw as Record<string, string>)).toThrow(message);
  });

  it('refuses a subcommand on a command that has none', () => {
    expect(() => resolveOptions(json, 'post', {})).toThrow(/no subcommand/);
  });
});
