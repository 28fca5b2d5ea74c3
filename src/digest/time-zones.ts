import { UserFacingError } from '../errors.js';
import { anyOf, msg, t } from '../i18n/index.js';
import { ABBREVIATIONS, FRACTIONAL_OFFSETS, PLACE_NAMES } from './time-zone-names.js';

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

/** How a typed time zone was read. */
export interface ZoneReading {
  /** The IANA name to store. */
  zone: string;
  /** 'name': typed as the zone's own name; else read as a city or country, an abbreviation or an offset. */
  via: 'name' | 'place' | 'abbreviation' | 'offset';
}

/** Lower case, no accents, punctuation and "_" as single spaces: "São_Paulo" -> "sao paulo". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_.,'’-]+/g, ' ')
    .trim();
}

let places: Map<string, readonly string[]> | null = null;

/** Cities (the last part of every zone name) and the well-known places of PLACE_NAMES -> zones. */
function placeIndex(): Map<string, readonly string[]> {
  if (places) return places;
  const index = new Map<string, string[]>();
  for (const zone of zoneList().suggestions) {
    if (!zone.includes('/') || zone.startsWith('Etc/')) continue;
    const key = fold(zone.slice(zone.lastIndexOf('/') + 1));
    index.set(key, [...(index.get(key) ?? []), zone]);
  }
  for (const [name, zones] of Object.entries(PLACE_NAMES)) {
    const key = fold(name);
    if (!index.has(key)) index.set(key, typeof zones === 'string' ? [zones] : [...zones]);
  }
  places = index;
  return index;
}

/** A zone from the tables in the spelling to store, if the runtime knows it. */
function known(zone: string): string | null {
  return zoneList().byLower.get(zone.toLowerCase()) ?? (accepted(zone) ? zone : null);
}

/** "UTC+2", "+05:30", "GMT-3", "utc +0200" -> a zone on that offset (Etc/GMT-2: the sign is POSIX's, reversed). */
function offsetZone(text: string): string | null {
  const m = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (minutes === 0) {
    if (hours === 0) return 'UTC';
    if ((m[1] === '+' && hours > 14) || (m[1] === '-' && hours > 12)) return null;
    return `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
  }
  const zone = FRACTIONAL_OFFSETS[`${m[1]}${String(hours).padStart(2, '0')}:${m[3]}`];
  return zone ? known(zone) : null;
}

function refuse(input: string, offsetHint = false): never {
  throw new UserFacingError(
    msg(offsetHint ? 'zone.unknownOffset' : 'zone.unknown', { input: input.trim().slice(0, 40) }),
  );
}

/** Several zones for one name: the admin picks (autocomplete offers them too). */
function ambiguous(input: string, zones: readonly string[]): never {
  throw new UserFacingError(
    msg('zone.ambiguous', {
      input: input.trim().slice(0, 40),
      zones: anyOf(zones.map((z) => `\`${z}\``)),
      first: zones[0]!,
    }),
  );
}

/**
 * Reads a time zone as admins type it: an IANA name in any case ("europe/berlin", "US/Eastern"), a
 * city or country ("Berlin", "New York", "sao paulo", "Munich"), an abbreviation ("CET", "PST",
 * "JST") or a UTC offset ("UTC+2", "+05:30", "GMT-3": a zone on that fixed offset). Throws a
 * UserFacingError listing the candidates for an ambiguous name ("CST", "IST"), or with an example.
 */
export function readTimeZone(input: string): ZoneReading {
  const text = input.trim().replace(/\s+/g, '_');
  if (!text) refuse(input);
  const exact = zoneList().byLower.get(text.toLowerCase());
  if (exact) return { zone: exact, via: 'name' };
  if (/^[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+$/.test(text) && accepted(text)) {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    return { zone, via: 'name' };
  }
  const key = fold(input);
  const place = placeIndex().get(key);
  if (place?.length === 1) return { zone: known(place[0]!) ?? refuse(input), via: 'place' };
  if (place && place.length > 1) ambiguous(input, place);
  const abbreviation = /^[a-z]{1,5}$/.test(key) ? ABBREVIATIONS[key] : undefined;
  if (typeof abbreviation === 'string')
    return { zone: known(abbreviation) ?? refuse(input), via: 'abbreviation' };
  if (abbreviation) ambiguous(input, abbreviation);
  const offset = offsetZone(input);
  if (offset) return { zone: offset, via: 'offset' };
  return refuse(input, /^[+-]?\d|^(utc|gmt)\s*[+-]/i.test(input.trim()));
}

/** The IANA name to store for a typed time zone (see {@link readTimeZone}). */
export function resolveTimeZone(input: string): string {
  return readTimeZone(input).zone;
}

/**
 * The confirmation for a reply, when the zone was not typed as its own name: "Berlin → Europe/Berlin",
 * and for an offset that it keeps no daylight saving. Null when there is nothing to confirm.
 */
export function timeZoneConfirmation(input: string, locale?: string): string | null {
  let reading: ZoneReading;
  try {
    reading = readTimeZone(input);
  } catch {
    return null;
  }
  if (reading.via === 'name') return null;
  const typed = input.trim().replace(/\s+/g, ' ').slice(0, 40);
  const fixed = reading.via === 'offset' && reading.zone !== 'UTC' ? ` (${t(locale, 'zone.fixed')})` : '';
  return `${typed} → ${reading.zone}${fixed}`;
}

/**
 * Autocomplete for time zones: names starting with the query first, then names with a part
 * ("/Berlin", "New_York") starting with it, then names containing it. Spaces count as "_". At most
 * `limit` (<= 25); popular zones when the query is empty. Before them, the zones a typed city, country,
 * abbreviation or offset stands for ("munich", "cst", "utc+2"). Precomputed list: well under a millisecond.
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
  const first = aliasChoices(query);
  return [...new Set([...first, ...ranked.map(([, zone]) => zone)])].slice(0, max);
}

/** Zones for what is typed when it is (the start of) a place, an abbreviation or an offset. */
function aliasChoices(query: string): string[] {
  const key = fold(query);
  const found: string[] = [];
  const add = (zones: string | readonly string[] | undefined) => {
    for (const zone of typeof zones === 'string' ? [zones] : (zones ?? [])) {
      const spelled = known(zone);
      if (spelled) found.push(spelled);
    }
  };
  const offset = offsetZone(query);
  if (offset) found.push(offset);
  add(ABBREVIATIONS[key]);
  add(PLACE_NAMES[key]);
  if (key.length >= 3)
    for (const [name, zones] of Object.entries(PLACE_NAMES)) if (name.startsWith(key)) add(zones);
  return found;
}
