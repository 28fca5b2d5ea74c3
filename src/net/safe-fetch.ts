import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { acceptHeader, isAcceptedType, parseContentType } from './content-type.js';
import { Deadline } from './deadline.js';
import { FetchError } from './fetch-error.js';
import { ACCEPT_ENCODING, readBody } from './read-body.js';
import { requestOnce } from './request-once.js';
import { resolveChecked, systemLookup, type HostLookup } from './resolve-host.js';

/** The User-Agent sent when the caller gives none. */
export const DEFAULT_USER_AGENT = 'newsdesk/0.1 (self-hosted news bot)';

/** Options for `safeFetch`; every one has a safe default. */
export interface SafeFetchOptions {
  /** Accepted content types (`type/subtype`, `type/*`); the default accepts any. See FEED_/PAGE_CONTENT_TYPES. */
  accept?: readonly string[];
  /** Operator allow-list (INGEST_ALLOW_HOSTS): URL hosts that skip the address check. Default: none. */
  allowHosts?: ReadonlySet<string> | readonly string[];
  /** Resolver, injected in tests. Default: `dns.lookup` with `all: true`. */
  lookup?: HostLookup;
  /** Body cap in bytes, after decompression. Default 5 MiB. */
  maxBytes?: number;
  /** Redirects followed before `too_many_redirects`. Default 5. */
  maxRedirects?: number;
  /** Time to connect (TCP, plus TLS for https) on each hop. Default 5 s. */
  connectTimeoutMs?: number;
  /** Time for everything: DNS, every hop and the whole body. Default 20 s. */
  timeoutMs?: number;
  /** Sent as If-None-Match (an ETag from an earlier fetch). */
  etag?: string | null;
  /** Sent as If-Modified-Since (a Last-Modified from an earlier fetch). */
  lastModified?: string | null;
  /** Default `DEFAULT_USER_AGENT`. */
  userAgent?: string;
  /** Cancels the fetch (`aborted`). */
  signal?: AbortSignal;
}

/** A successful fetch. On 304 `notModified` is true and `body` is empty. */
export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The Content-Type header as sent, or null. */
  contentType: string | null;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
  /** How many redirects were followed. */
  redirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseUrl(input: string | URL, base?: URL): URL {
  try {
    const url = new URL(input, base);
    url.hash = '';
    return url;
  } catch (err) {
    throw new FetchError(base ? 'http_error' : 'invalid_url', {
      userHint: base ? '(it redirected to an invalid address)' : undefined,
      cause: err,
    });
  }
}

/** Scheme and credentials rules, applied to the first URL and to every redirect target. */
function checkUrl(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('blocked_scheme', { detail: `scheme ${url.protocol}` });
  }
  if (url.username || url.password) throw new FetchError('credentials_in_url');
}

function requestHeaders(options: SafeFetchOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: acceptHeader(options.accept),
    'accept-encoding': ACCEPT_ENCODING,
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

function result(url: URL, res: IncomingMessage, body: Buffer, redirects: number): FetchResult {
  const header = (name: string): string | null => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : null;
  };
  const status = res.statusCode ?? 0;
  return {
    url: url.href,
    status,
    headers: res.headers,
    body,
    contentType: header('content-type'),
    notModified: status === 304,
    etag: header('etag'),
    lastModified: header('last-modified'),
    redirects,
  };
}

function checkContentType(res: IncomingMessage, accept: readonly string[] | undefined): void {
  if (!accept || res.statusCode === 204) return;
  const parsed = parseContentType(res.headers['content-type']);
  if (parsed && isAcceptedType(parsed.mediaType, accept)) return;
  throw new FetchError('bad_content_type', {
    userHint: parsed && parsed.mediaType.length <= 60 ? `(it sent ${parsed.mediaType})` : undefined,
    detail: `content-type ${JSON.stringify(res.headers['content-type'] ?? null)}`,
  });
}

/**
 * Fetches a URL a member typed, safely: http/https only, no credentials, every DNS address checked by the address
 * guard (refused if any is private, loopback, link-local ...) unless the host is on `allowHosts`, the socket pinned
 * to the checked addresses, redirects followed by hand with every hop checked again, time limits for connecting and
 * for the whole fetch, the body capped after decompression, and the content type checked. Throws `FetchError`.
 */
export async function safeFetch(input: string | URL, options: SafeFetchOptions = {}): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const deadline = new Deadline(options.timeoutMs ?? 20_000, options.signal);
  const headers = requestHeaders(options);
  let res: IncomingMessage | undefined;
  try {
    let url = parseUrl(input);
    for (let redirects = 0; ; redirects++) {
      checkUrl(url);
      const addresses = await deadline.race(
        resolveChecked(url.hostname, {
          lookup: options.lookup ?? systemLookup,
          allowHosts: options.allowHosts,
        }),
      );
      res = await requestOnce(url, addresses, {
        headers,
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        signal: deadline.signal,
      });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        if (redirects >= maxRedirects)
          throw new FetchError('too_many_redirects', { detail: `more than ${maxRedirects}` });
        url = parseUrl(location, url);
        continue;
      }
      if (status === 304) return result(url, res, Buffer.alloc(0), redirects);
      if (status < 200 || status > 299) {
        throw new FetchError('http_error', {
          status,
          userHint: `(HTTP ${status})`,
          detail: `${status} from ${url.host}`,
        });
      }
      checkContentType(res, options.accept);
      const body = await readBody(res, { maxBytes, signal: deadline.signal });
      return result(url, res, body, redirects);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (deadline.signal.aborted) throw deadline.error();
    throw new FetchError('connection_failed', { detail: String(err), cause: err });
  } finally {
    res?.destroy();
    deadline.dispose();
  }
}

/** A `safeFetch` with defaults bound once (allow-list, resolver, limits), e.g. from config at start-up. */
export function createSafeFetch(
  defaults: SafeFetchOptions,
): (url: string | URL, options?: SafeFetchOptions) => Promise<FetchResult> {
  return (url, options = {}) => safeFetch(url, { ...defaults, ...options });
}
