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
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return raw;
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
