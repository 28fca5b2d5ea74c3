const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})(?!\\d)';
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH}\\s+${DAY},?\\s+${YEAR}`, 'i');
const DAY_FIRST = new RegExp(`^${WEEKDAY}${DAY}\\s+${MONTH},?\\s+${YEAR}`, 'i');
const NUMERIC =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/i;

/** A date found at the start of a line, and the text after it. */
export interface LeadingDate {
  time: number;
  rest: string;
}

function utc(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t : null;
}

function numeric(m: RegExpExecArray): number | null {
  const [, y, mo, d, hh, mm, ss, zone] = m;
  const day = utc(Number(y), Number(mo), Number(d));
  if (day === null || hh === undefined) return day;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return null;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${hh}:${mm}:${ss ?? '00'}${zone ? normalizeZone(zone) : 'Z'}`;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function normalizeZone(zone: string): string {
  if (/^z$/i.test(zone)) return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/**
 * Recognises a date at the very start of a line: "Saturday, January 8, 2005", "December 29, 2004",
 * "8 January 2005", "2021-07-26", "2005/01/08", ISO date-times. Dates without a time are midnight UTC;
 * date-times without a zone are read as UTC. `rest` is whatever follows, trimmed of separators.
 */
export function matchLeadingDate(line: string): LeadingDate | null {
  const text = line.trim();
  let m: RegExpExecArray | null;
  let time: number | null = null;
  if ((m = NUMERIC.exec(text))) time = numeric(m);
  else if ((m = MONTH_FIRST.exec(text))) time = utc(Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]));
  else if ((m = DAY_FIRST.exec(text))) time = utc(Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]));
  if (!m || time === null) return null;
  const rest = text.slice(m[0].length).replace(/^[\s,;|\-–—:]+/u, '');
  return { time, rest };
}

/**
 * Parses a date value from metadata (front matter, JSON, feeds): the formats of
 * {@link matchLeadingDate} with nothing after them, epoch milliseconds, or anything `Date.parse`
 * reads reliably (RFC 2822 with a zone). Returns epoch ms or null.
 */
export function parseDate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d{12,14}$/.test(text)) return Number(text);
  const lead = matchLeadingDate(text);
  if (lead?.rest === '') return lead.time;
  if (/\b(?:gmt|utc|[+-]\d{4})\b/i.test(text) || /\d{2}:\d{2}.*\b[A-Z]{3}$/.test(text)) {
    const t = Date.parse(text);
    if (Number.isFinite(t)) return t;
  }
  return null;
}
