import { UserFacingError } from '../errors.js';

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
      `“${input.trim().slice(0, 20)}” is not a time of day. Use hours and minutes, e.g. ${TIME_EXAMPLE}.`,
    );
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Hour and minute of an "HH:MM" string made by {@link parseTimeOfDay}. */
export function splitTime(time: string): { hour: number; minute: number } {
  const [h, m] = time.split(':');
  return { hour: Number(h), minute: Number(m) };
}
