import { parseDate } from '../extract/dates.js';

/** Month names and abbreviations in English and the languages feeds most often localise dates in. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  [
    'jan',
    'january',
    'janv',
    'janvier',
    'januar',
    'enero',
    'ene',
    'janeiro',
    'gennaio',
    'gen',
    'jänner',
    'jaan',
  ],
  ['feb', 'february', 'févr', 'fevr', 'février', 'februar', 'febrero', 'fev', 'fevereiro', 'febbraio'],
  ['mar', 'march', 'mars', 'märz', 'mär', 'mrz', 'marzo', 'março', 'marco'],
  ['apr', 'april', 'avr', 'avril', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag'],
  ['jun', 'june', 'juin', 'juni', 'junio', 'junho', 'giugno', 'giu'],
  ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'julho', 'luglio', 'lug'],
  ['aug', 'august', 'août', 'aout', 'agosto', 'ago'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'setembro', 'settembre'],
  ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'out', 'outubro', 'ottobre', 'ott'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'déc', 'décembre', 'dez', 'dezember', 'dic', 'diciembre', 'dezembro', 'dicembre'],
];
MONTH_NAMES.forEach((names, i) => names.forEach((name) => (MONTHS[name] = i + 1)));

/** RFC 822 zone names and other unambiguous abbreviations, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  west: 60,
  eet: 120,
  eest: 180,
  msk: 180,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  awst: 480,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  brt: -180,
  art: -180,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const RFC822 =
  /^(?:\p{L}+\.?,?\s+)?(\d{1,2})[\s-]+(\p{L}+)\.?[\s-]+(\d{4}|\d{2})(?:\s+(\d{1,2}):?(\d{2})(?::?(\d{2}))?)?\s*(?:(?:(gmt|utc|ut)\s*)?([+-]\d{2}:?\d{2})|(\p{L}{1,5}))?$/iu;

function offsetMinutes(sign: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(sign);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offset = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return t - offset * 60_000;
}

function iso(m: RegExpExecArray): number | null {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const offset = zone && zone.toUpperCase() !== 'Z' ? offsetMinutes(zone) : 0;
  return build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms, offset);
}

function rfc822(m: RegExpExecArray): number | null {
  const [, d, monthName, yy, h, mi, s, , numeric, named] = m;
  const month = MONTHS[monthName!.toLowerCase()];
  if (month === undefined) return null;
  const year = yy!.length === 2 ? (Number(yy) < 50 ? 2000 : 1900) + Number(yy) : Number(yy);
  const offset = numeric ? offsetMinutes(numeric) : (ZONES[named?.toLowerCase() ?? 'utc'] ?? 0);
  return build(year, month, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), 0, offset);
}

/**
 * Parses a feed date, returning epoch ms or null: RFC 822/2822 (`pubDate`: weekday optional,
 * two-digit years, `1500` times, named zones like EST or CEST, month names in several languages),
 * ISO 8601 / W3C-DTF (`dc:date`, Atom `updated`/`published`, JSON Feed; no zone means UTC), and
 * otherwise whatever `parseDate` from the article importers reads.
 */
export function parseFeedDate(value: string | null | undefined): number | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  let m = ISO.exec(text);
  if (m) return iso(m);
  m = RFC822.exec(text);
  if (m) return rfc822(m);
  return parseDate(text);
}
