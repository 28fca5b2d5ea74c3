import { describe, expect, it } from 'vitest';
import {
  localDateOf,
  localTimeOf,
  nextOccurrence,
  previousOccurrences,
  type DailySchedule,
} from '../../src/digest/schedule.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs from `fromIso`, as UTC ISO strings with their local date and time. */
function runs(schedule: DailySchedule, fromIso: string, count: number): string[] {
  const out: string[] = [];
  let at = Date.parse(fromIso);
  for (let i = 0; i < count; i++) {
    const occ = nextOccurrence(schedule, at);
    out.push(`${iso(occ.at)} ${occ.localDate} ${localTimeOf(occ.at, schedule.timezone)}`);
    at = occ.at;
  }
  return out;
}

describe('daily schedule across daylight saving', () => {
  it('Europe/Berlin spring forward (2026-03-29): 02:30 does not exist, so it runs once at 03:00', () => {
    expect(runs({ time: '02:30', timezone: 'Europe/Berlin' }, '2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T01:30:00.000Z 2026-03-28 02:30',
      '2026-03-29T01:00:00.000Z 2026-03-29 03:00',
      '2026-03-30T00:30:00.000Z 2026-03-30 02:30',
      '2026-03-31T00:30:00.000Z 2026-03-31 02:30',
    ]);
  });

  it('Europe/Berlin fall back (2026-10-25): 02:30 happens twice and runs once, at the first', () => {
    expect(runs({ time: '02:30', timezone: 'Europe/Berlin' }, '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z 2026-10-25 02:30',
      '2026-10-26T01:30:00.000Z 2026-10-26 02:30',
    ]);
  });

  it('Europe/Berlin: a time outside the changed hour keeps its local time on both days', () => {
    expect(runs({ time: '08:00', timezone: 'Europe/Berlin' }, '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-29T06:00:00.000Z 2026-03-29 08:00',
      '2026-03-30T06:00:00.000Z 2026-03-30 08:00',
    ]);
    expect(runs({ time: '01:30', timezone: 'Europe/Berlin' }, '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-24T23:30:00.000Z 2026-10-25 01:30',
      '2026-10-26T00:30:00.000Z 2026-10-26 01:30',
    ]);
  });

  it('America/New_York spring forward (2026-03-08): 02:30 runs once at 03:00', () => {
    expect(runs({ time: '02:30', timezone: 'America/New_York' }, '2026-03-07T12:00:00Z', 2)).toEqual([
      '2026-03-08T07:00:00.000Z 2026-03-08 03:00',
      '2026-03-09T06:30:00.000Z 2026-03-09 02:30',
    ]);
  });

  it('America/New_York fall back (2026-11-01): 01:30 runs once, at the first (EDT) one', () => {
    expect(runs({ time: '01:30', timezone: 'America/New_York' }, '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z 2026-11-01 01:30',
      '2026-11-02T06:30:00.000Z 2026-11-02 01:30',
    ]);
    // From inside the repeated hour, the second 01:30 (06:30Z) is not a run.
    expect(
      iso(
        nextOccurrence({ time: '01:30', timezone: 'America/New_York' }, Date.parse('2026-11-01T05:45:00Z'))
          .at,
      ),
    ).toBe('2026-11-02T06:30:00.000Z');
  });

  it('a half-hour shift (Australia/Lord_Howe, 2026-10-04): 02:15 runs once at 02:30', () => {
    expect(runs({ time: '02:15', timezone: 'Australia/Lord_Howe' }, '2026-10-03T00:00:00Z', 1)).toEqual([
      '2026-10-03T15:30:00.000Z 2026-10-04 02:30',
    ]);
  });

  it('runs exactly once on every local date of 2026 in zones with and without daylight saving', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
      'Pacific/Chatham',
    ];
    const times = [
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '02:00',
      '02:30',
      '02:45',
      '03:00',
      '03:30',
      '12:00',
      '23:30',
    ];
    for (const timezone of zones) {
      for (const time of times) {
        const schedule = { time, timezone };
        const first = nextOccurrence(schedule, Date.parse('2026-01-01T00:00:00Z'));
        let at = first.at;
        let previous = first.localDate;
        const dates: string[] = [previous];
        for (let day = 1; day < 365; day++) {
          const occ = nextOccurrence(schedule, at);
          const expectedDate = new Date(Date.parse(`${previous}T12:00:00Z`) + 86_400_000)
            .toISOString()
            .slice(0, 10);
          if (occ.localDate !== expectedDate)
            throw new Error(`${timezone} ${time}: after ${previous} came ${occ.localDate}`);
          const local = localTimeOf(occ.at, timezone);
          // The local time is the one set, or (on a spring-forward day) a later time just after the gap.
          const minuteBefore = `${localDateOf(occ.at - 60_000, timezone)} ${localTimeOf(occ.at - 60_000, timezone)}`;
          if (local !== time && !(local > time && minuteBefore < `${occ.localDate} ${time}`))
            throw new Error(`${timezone} ${time} on ${occ.localDate}: ran at ${local}`);
          dates.push(occ.localDate);
          previous = occ.localDate;
          at = occ.at;
        }
        expect(new Set(dates).size).toBe(365);
      }
    }
  }, 60_000);

  it('previous runs: at or before the given moment, newest first, one per local date', () => {
    const berlin = { time: '08:00', timezone: 'Europe/Berlin' };
    const at = Date.parse('2026-03-29T06:00:00Z');
    expect(previousOccurrences(berlin, at, 2).map((o) => `${iso(o.at)} ${o.localDate}`)).toEqual([
      '2026-03-29T06:00:00.000Z 2026-03-29',
      '2026-03-28T07:00:00.000Z 2026-03-28',
    ]);
    expect(previousOccurrences(berlin, at - 1, 1)[0]!.localDate).toBe('2026-03-28');
    const ny = { time: '01:30', timezone: 'America/New_York' };
    // After the repeated hour: the day's run is the first 01:30 (05:30Z), not the second (06:30Z).
    expect(iso(previousOccurrences(ny, Date.parse('2026-11-01T07:00:00Z'), 1)[0]!.at)).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    const spring = { time: '02:30', timezone: 'Europe/Berlin' };
    expect(iso(previousOccurrences(spring, Date.parse('2026-03-29T02:00:00Z'), 1)[0]!.at)).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('the local date of a run is the date in the digest’s zone of its scheduled time', () => {
    const tokyo = nextOccurrence(
      { time: '07:00', timezone: 'Asia/Tokyo' },
      Date.parse('2026-06-01T12:00:00Z'),
    );
    expect(iso(tokyo.at)).toBe('2026-06-01T22:00:00.000Z');
    expect(tokyo.localDate).toBe('2026-06-02');
  });
});
