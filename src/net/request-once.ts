import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { errorMessage } from '../errors.js';
import { FetchError } from './fetch-error.js';
import { pinnedLookup, type ResolvedAddress } from './resolve-host.js';

/** Options for one request (one redirect hop). */
export interface RequestOnceOptions {
  headers: OutgoingHttpHeaders;
  connectTimeoutMs: number;
  signal: AbortSignal;
}

const TLS_ERROR =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH)/;

function connectionError(err: Error): Error {
  if (err instanceof FetchError || err.name === 'AbortError') return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const tls = TLS_ERROR.test(code) || /certificate|ssl|tls/i.test(errorMessage(err));
  return new FetchError('connection_failed', {
    userHint: tls ? '(its secure connection could not be verified)' : undefined,
    detail: `${code || 'error'}: ${errorMessage(err)}`,
    cause: err,
  });
}

/**
 * Sends one GET to `url`, connecting only to `addresses` (already checked) while keeping the URL's host for the
 * Host header and TLS SNI. Resolves with the response head; the caller reads or discards the body. Fails with
 * `timeout` when the TCP connection (and TLS handshake, for https) is not up within `connectTimeoutMs`.
 * No connection pooling (`agent: false`): every request dials the address it was given.
 */
export function requestOnce(
  url: URL,
  addresses: readonly ResolvedAddress[],
  options: RequestOnceOptions,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const client = secure ? https : http;
    const req = client.request(url, {
      method: 'GET',
      headers: options.headers,
      agent: false,
      lookup: pinnedLookup(addresses),
      signal: options.signal,
    });
    const connectTimer = setTimeout(() => {
      req.destroy(
        new FetchError('timeout', { detail: `no connection within ${options.connectTimeoutMs} ms` }),
      );
    }, options.connectTimeoutMs);
    req.once('socket', (socket) => {
      socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    req.once('response', (res) => {
      clearTimeout(connectTimer);
      resolve(res);
    });
    req.on('error', (err) => {
      clearTimeout(connectTimer);
      reject(connectionError(err));
    });
    req.end();
  });
}
