import { UserFacingError } from '../errors.js';

/** An example shown whenever a time zone is refused. */
export const ZONE_EXAMPLE = '`Europe/Berlin`, `America/New_York` or `UTC`';

/** Current IANA names that older ICU builds (Node 20) only know under their former name. */
const MODERN_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
};

/** Suggested when nothing has been typed yet. */
const POPULAR = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
];

function accepted(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface ZoneList {
  /** Names offered by autocomplete (modern spellings, UTC, Etc/GMT±N). */
  suggestions: string[];
  lower: string[];
  /** Every accepted spelling, lower-cased -> the spelling we store. */
  byLower: Map<string, string>;
  popular: string[];
}

let cached: ZoneList | null = null;

function zoneList(): ZoneList {
  if (cached) return cached;
  const supported = Intl.supportedValuesOf('timeZone');
  const etc = ['UTC', 'Etc/UTC', 'Etc/GMT'];
  for (let n = 1; n <= 14; n++) {
    etc.push(`Etc/GMT-${n}`);
    if (n <= 12) etc.push(`Etc/GMT+${n}`);
  }
  const all = new Set<string>([
    ...supported,
    ...etc.filter(accepted),
    ...Object.values(MODERN_NAMES).filter(accepted),
  ]);
  const byLower = new Map<string, string>();
  for (const zone of all) byLower.set(zone.toLowerCase(), zone);
  const suggestions = [...all].filter((z) => !(MODERN_NAMES[z] && all.has(MODERN_NAMES[z]))).sort();
  cached = {
    suggestions,
    lower: suggestions.map((z) => z.toLowerCase()),
    byLower,
    popular: POPULAR.filter((z) => all.has(z)),
  };
  return cached;
}

/**
 * Checks an IANA time zone name and returns the spelling to store ("europe/berlin" -> "Europe/Berlin").
 * Accepts the names of `Intl.supportedValuesOf('timeZone')`, UTC, Etc/* and other IANA aliases the
 * runtime knows ("US/Eastern"). Refuses offsets and bare abbreviations ("CET", "+02:00"), which ignore
 * daylight saving. Throws a UserFacingError with an example.
 */
export function resolveTimeZone(input: string): string {
  const text = input.trim().replace(/\s+/g, '_');
  const known = zoneList().byLower.get(text.toLowerCase());
  if (known) return known;
  if (/^GMT$/i.test(text)) return 'UTC';
  if (/^[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+$/.test(text) && accepted(text)) {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  }
  const hint = /^[+-]?\d|^(utc|gmt)[+-]/i.test(text)
    ? ' Offsets ignore daylight saving; pick the place instead.'
    : '';
  throw new UserFacingError(
    `“${input.trim().slice(0, 40)}” is not a time zone I know.${hint} Use a name from the list, e.g. ${ZONE_EXAMPLE}.`,
  );
}

/**
 * Autocomplete for time zones: names starting with the query first, then names with a part
 * ("/Berlin", "New_York") starting with it, then names containing it. Spaces count as "_". At most
 * `limit` (<= 25); popular zones when the query is empty. Precomputed list: well under a millisecond.
 */
export function timeZoneChoices(query: string, limit = 25): string[] {
  const max = Math.max(0, Math.min(25, limit));
  const { suggestions, lower, popular } = zoneList();
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  if (!q) return popular.slice(0, max);
  const ranked: [number, string][] = [];
  for (let i = 0; i < lower.length; i++) {
    const name = lower[i]!;
    const rank = name.startsWith(q)
      ? 0
      : name.split('/').some((part) => part.startsWith(q))
        ? 1
        : name.includes(q)
          ? 2
          : -1;
    if (rank >= 0) ranked.push([rank, suggestions[i]!]);
  }
  ranked.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return ranked.slice(0, max).map(([, zone]) => zone);
}
