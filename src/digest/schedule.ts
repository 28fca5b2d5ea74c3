import { Cron } from 'croner';
import { UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';

/** An example shown whenever a time is refused. */
export const TIME_EXAMPLE = '`08:00` or `18:30` (24-hour clock)';

/**
 * Reads a time of day as an admin types it: "8:00", "08:00", "18.30", "0830", "7pm", "6:30 am".
 * Returns "HH:MM" (24 h). Throws a UserFacingError with an example of a right one.
 */
export function parseTimeOfDay(input: string): string {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?(am|pm)?$/.exec(text);
  let hour = m ? Number(m[1]) : NaN;
  const minute = m?.[2] !== undefined ? Number(m[2]) : 0;
  const half = m?.[3];
  // A bare number without am/pm is ambiguous unless it is written as HHMM.
  const bare = m && m[2] === undefined && !half;
  if (half) {
    if (hour < 1 || hour > 12) hour = NaN;
    else hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (!m || bare || !Number.isInteger(hour) || hour > 23 || minute > 59) {
    throw new UserFacingError(
      msg('digest.badTime', { input: input.trim().slice(0, 20), example: TIME_EXAMPLE }),
    );
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Hour and minute of an "HH:MM" string made by {@link parseTimeOfDay}. */
export function splitTime(time: string): { hour: number; minute: number } {
  const [h, m] = time.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/** When a digest runs: local time of day and IANA zone. */
export interface DailySchedule {
  time: string;
  timezone: string;
}

/** One scheduled run: the instant, and the date in the digest's zone of that instant ("YYYY-MM-DD"). */
export interface Occurrence {
  at: number;
  localDate: string;
}

const crons = new Map<string, Cron>();
const formats = new Map<string, Intl.DateTimeFormat>();

function cronFor(schedule: DailySchedule): Cron {
  const key = `${schedule.time}|${schedule.timezone}`;
  let cron = crons.get(key);
  if (!cron) {
    const { hour, minute } = splitTime(schedule.time);
    // No callback: croner only computes times here; it never starts a timer of its own.
    cron = new Cron(`${minute} ${hour} * * *`, { timezone: schedule.timezone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

function parts(ms: number, timezone: string): Record<string, string> {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timezone, format);
  }
  return Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
}

/** The date in `timezone` of an instant, "YYYY-MM-DD". */
export function localDateOf(ms: number, timezone: string): string {
  const p = parts(ms, timezone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The wall-clock time in `timezone` of an instant, "HH:MM". */
export function localTimeOf(ms: number, timezone: string): string {
  const p = parts(ms, timezone);
  return `${p.hour}:${p.minute}`;
}

function occurrence(at: Date, schedule: DailySchedule): Occurrence {
  return { at: at.getTime(), localDate: localDateOf(at.getTime(), schedule.timezone) };
}

/**
 * The first run strictly after `after`. Daylight saving, as croner 11 computes it and as this
 * function guarantees: a time that does not exist on a spring-forward day (02:30 in Europe/Berlin on
 * 2026-03-29) runs once, at the first valid time after the gap (03:00); a time that happens twice on a
 * fall-back day (01:30 in America/New_York on 2026-11-01) runs once, at the first of the two. As a
 * guard, a run whose local date already had an earlier run is never returned.
 */
export function nextOccurrence(schedule: DailySchedule, after: number): Occurrence {
  const cron = cronFor(schedule);
  let from = new Date(after);
  for (let guard = 0; guard < 4; guard++) {
    const next = cron.nextRun(from);
    if (!next) break;
    const occ = occurrence(next, schedule);
    const before = cron.previousRuns(1, next)[0];
    if (!before || localDateOf(before.getTime(), schedule.timezone) !== occ.localDate) return occ;
    from = next; // a second run on the same local date: skip it
  }
  throw new Error(`no next run for ${schedule.time} ${schedule.timezone}`);
}

/**
 * Up to `count` runs at or before `atOrBefore`, newest first, one per local date (the first of any
 * two on the same date, as in {@link nextOccurrence}).
 */
export function previousOccurrences(
  schedule: DailySchedule,
  atOrBefore: number,
  count: number,
): Occurrence[] {
  if (count <= 0) return [];
  const cron = cronFor(schedule);
  // Runs fall on whole minutes; croner's reference is exclusive and second-precise.
  const runs = cron
    .previousRuns(count + 2, new Date(Math.floor(atOrBefore / 1000) * 1000 + 1000))
    .filter((d) => d.getTime() <= atOrBefore);
  const out: Occurrence[] = [];
  for (const run of runs.reverse()) {
    const occ = occurrence(run, schedule);
    if (out.at(-1)?.localDate !== occ.localDate) out.push(occ);
  }
  return out.reverse().slice(0, count);
}
