import { ampToCanonical } from './amp-url.js';

/** Query parameters that only track the click, never select content. Matched case-insensitively. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'vero_id',
  'oly_enc_id',
  'oly_anon_id',
  'rb_clickid',
  's_cid',
  'cmpid',
  'ocid',
  'smid',
  'sr_share',
  'spm',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'source',
  'share',
  'via',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'ito',
  'ncid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'amp',
  'outputtype',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'itm_'];

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

function parseHttpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/**
 * The URL as it should be stored and shown: AMP forms turned into the canonical URL (see
 * ampToCanonical), tracking parameters and the fragment removed,
 * host lower-cased and default port dropped (both by WHATWG URL parsing). Non-http(s) or
 * unparsable input is returned trimmed, unchanged.
 */
export function cleanUrl(raw: string): string {
  const url = parseHttpUrl(ampToCanonical(raw));
  if (!url) return raw.trim();
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (isTrackingParam(name)) url.searchParams.delete(name);
  return url.toString();
}

/**
 * Dedupe key for a URL: two links to the same article give the same key. On top of {@link cleanUrl}
 * it ignores http vs https, a leading `www.`, a trailing slash and the order of query parameters.
 * Returns null for empty input; non-http(s) URLs are keyed by their trimmed text.
 */
export function urlKey(raw: string | null | undefined): string | null {
  if (raw == null || raw.trim() === '') return null;
  const url = parseHttpUrl(ampToCanonical(raw));
  if (!url) return raw.trim();
  const host = url.host.replace(/^www\./, '');
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = '/';
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTrackingParam(name))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1));
  const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
  return `${host}${path}${query}`;
}
