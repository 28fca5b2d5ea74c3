/**
 * Discord's timestamp markup (`<t:UNIX:STYLE>`): Discord shows each reader the moment in their own
 * locale and time zone. It renders in message content, embed descriptions and field values, but not in
 * embed titles, footers or author names: use it only there. The console renders the same markup as
 * local dates (parse it with {@link TIMESTAMP_MARKUP}).
 */

/**
 * Discord's styles: t 16:20 · T 16:20:30 · d 20/04/2021 · D 20 April 2021 · f 20 April 2021 16:20 ·
 * F Tuesday, 20 April 2021 16:20 · R "2 months ago" / "in 3 hours".
 */
export type TimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** `<t:1618932000:d>` for an epoch-milliseconds time. */
export function timestamp(ms: number, style: TimestampStyle): string {
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** A day: `<t:…:d>` (the reader's short date format). */
export function dayMarkup(ms: number): string {
  return timestamp(ms, 'd');
}

/** How long ago or until: `<t:…:R>` ("3 hours ago"). */
export function relativeMarkup(ms: number): string {
  return timestamp(ms, 'R');
}

/** Full date and time plus how long until or ago: `<t:…:f> (<t:…:R>)`. */
export function dateTimeMarkup(ms: number): string {
  return `${timestamp(ms, 'f')} (${timestamp(ms, 'R')})`;
}

/**
 * Matches timestamp markup; group 1 is the Unix time in seconds, group 2 the style (absent: `f`).
 * Global: reset `lastIndex` or use `String.prototype.replace`.
 */
export const TIMESTAMP_MARKUP = /<t:(-?\d{1,13})(?::([tTdDfFR]))?>/g;
