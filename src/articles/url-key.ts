/**
 * What names an article: its URL with AMP forms and tracking parameters removed (`cleanUrl`), and the
 * key two links to the same article share (`urlKey`); the source name a bare URL gives (`sourceFromUrl`).
 */

/**
 * `raw` (trimmed) as an absolute http(s) URL, resolved against `base` when relative; null when it is
 * empty, cannot be parsed, or has another scheme (javascript:, data:, file: ...): links are untrusted.
 */
export function httpUrl(raw: string | null | undefined, base?: string | null): URL | null {
  const text = raw?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text, base ?? undefined);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

const AMP_CACHE_HOST = /\.cdn\.ampproject\.org$/i;
const AMP_QUERY = new Set(['amp', 'amp_js_v', 'amp_gsa', 'usqp', '_amp', 'outputtype', 'output']);

/** The origin URL inside a Google AMP cache URL (`https://www-x-com.cdn.ampproject.org/c/s/www.x.com/a`), or null. */
function fromAmpCache(url: URL): string | null {
  if (!AMP_CACHE_HOST.test(url.hostname)) return null;
  const m = /^\/[cvi]\/(s\/)?(.+)$/.exec(url.pathname);
  if (!m) return null;
  return `${m[1] ? 'https' : 'http'}://${m[2]}${url.search}`;
}

/** Whether a query parameter only asks for the AMP rendering (`amp`, `amp=1`, `outputType=amp`, ...). */
function isAmpParam(name: string, value: string): boolean {
  const n = name.toLowerCase();
  if (n === 'outputtype' || n === 'output') return value.toLowerCase() === 'amp';
  return AMP_QUERY.has(n);
}

/**
 * The canonical (non-AMP) form of an AMP article URL, by its usual shapes: a Google AMP cache URL,
 * an `amp.` host, an `/amp` path segment (`/amp/story`, `/story/amp/`), a `.amp` / `.amp.html`
 * file, and `?amp`, `?amp=1`, `?outputType=amp` parameters. Anything else, and non-http(s) or
 * unparsable input, is returned unchanged. (A page that names its canonical URL is better still:
 * see `canonicalUrlFromHtml`.)
 */
export function ampToCanonical(raw: string): string {
  const url = httpUrl(raw);
  if (!url) return raw;
  const origin = fromAmpCache(url);
  if (origin) return ampToCanonical(origin);
  if (/^amp\./i.test(url.hostname) && url.hostname.split('.').length > 2)
    url.hostname = url.hostname.slice(4);
  const segments = url.pathname.split('/');
  const kept = segments.filter((s, i) => i === 0 || s.toLowerCase() !== 'amp');
  let path = kept.join('/');
  if (kept.length !== segments.length && !path.endsWith('/') && url.pathname.endsWith('/')) path += '/';
  url.pathname = (path || '/').replace(/\.amp(\.html?)?$/i, (_, ext?: string) => ext ?? '');
  for (const [name, value] of [...url.searchParams.entries()]) {
    if (isAmpParam(name, value)) url.searchParams.delete(name);
  }
  return url.toString();
}

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

/**
 * The URL as it should be stored and shown: AMP forms turned into the canonical URL (see
 * ampToCanonical), tracking parameters and the fragment removed,
 * host lower-cased and default port dropped (both by WHATWG URL parsing). Non-http(s) or
 * unparsable input is returned trimmed, unchanged.
 */
export function cleanUrl(raw: string): string {
  const url = httpUrl(ampToCanonical(raw));
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
  const url = httpUrl(ampToCanonical(raw));
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

/** A readable source name from a URL's host ("www.bbc.co.uk" -> "bbc.co.uk"), or null. */
export function sourceFromUrl(url: string | null | undefined): string | null {
  return httpUrl(url)?.hostname.replace(/^www\./, '') || null;
}
