import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/feeds/feed-dates.js';

const iso = (value: string) => {
  const t = parseFeedDate(value);
  return t === null ? null : new Date(t).toISOString();
};

describe('parseFeedDate', () => {
  it.each([
    ['Wed, 03 Jan 2018 13:47:00 GMT\r\n      ', '2018-01-03T13:47:00.000Z'],
    ['Thu, 12 Nov 2015 21:16:39 +0000', '2015-11-12T21:16:39.000Z'],
    ['Mon, 09 Apr 2018 18:55:38 EDT', '2018-04-09T22:55:38.000Z'],
    ['Mon, 9 Apr 2018 18:55 PST', '2018-04-10T02:55:00.000Z'],
    ['Sun, 01 Jan 2006 12:00:00 CEST', '2006-01-01T10:00:00.000Z'],
    ['Fri, 08 Jul 2016 13:40:00 UTC', '2016-07-08T13:40:00.000Z'],
    ['03 Apr 02 1500 GMT', '2002-04-03T15:00:00.000Z'],
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['Di, 05 Mär 2024 08:00:00 +0100', '2024-03-05T07:00:00.000Z'],
    ['5 March 2024', '2024-03-05T00:00:00.000Z'],
    ['2016-06-01T15:35:00.001Z', '2016-06-01T15:35:00.001Z'],
    ['2015-06-01T23:49:41+02:00', '2015-06-01T21:49:41.000Z'],
    ['2016-06-27T07:36:54.007-07:00', '2016-06-27T14:36:54.007Z'],
    ['2017-06-15T10:29:47-0700', '2017-06-15T17:29:47.000Z'],
    ['2018-01-31', '2018-01-31T00:00:00.000Z'],
    ['2018-01-31 08:00:00', '2018-01-31T08:00:00.000Z'],
  ])('%j is %s', (value, expected) => {
    expect(iso(value)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'soon',
    'Tue, 31 Feb 2018 10:00:00 GMT',
    '2018-13-01',
    '2018-01-01T25:00:00Z',
    'Mon, 09 Foo 2018 18:55:38 GMT',
  ])('%j is not a date', (value) => {
    expect(parseFeedDate(value)).toBeNull();
  });
});
