import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress } from './address-guard.js';
import { isHostAllowed } from './allow-hosts.js';
import { FetchError } from './fetch-error.js';
import { parseIpLiteral } from './ip-parse.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all of its addresses. Injected in tests to make `evil.test` resolve anywhere. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (`dns.lookup` with `all: true`, so /etc/hosts applies as for any other program). */
export const systemLookup: HostLookup = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Options for `resolveChecked`. */
export interface ResolveOptions {
  lookup: HostLookup;
  allowHosts?: ReadonlySet<string> | readonly string[] | undefined;
}

/**
 * Resolves the host of a URL and checks every address. The fetch is refused if ANY address is blocked, even when
 * others are public: a name that mixes public and private addresses is either misconfigured or an attack, and
 * picking only the public ones would still leave the decision to whoever controls the DNS answer. Hosts on the
 * allow-list (matched on the host as written, not on the address) skip the check.
 */
export async function resolveChecked(hostname: string, options: ResolveOptions): Promise<ResolvedAddress[]> {
  const literal = parseIpLiteral(hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: literal.text, family: literal.family }];
  } else {
    try {
      addresses = await options.lookup(hostname);
    } catch (err) {
      throw new FetchError('dns_failed', { detail: `lookup ${hostname} failed`, cause: err });
    }
    if (addresses.length === 0)
      throw new FetchError('dns_failed', { detail: `lookup ${hostname}: no addresses` });
  }
  if (isHostAllowed(hostname, options.allowHosts)) return addresses;
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (!verdict.allowed) {
      const via = verdict.via ? ` via ${verdict.via}` : '';
      throw new FetchError('blocked_address', {
        detail: `${hostname} -> ${verdict.address} (${verdict.reason}${via})`,
      });
    }
  }
  return addresses;
}

/**
 * A `lookup` for `http.request` that answers only with addresses already checked, so the socket connects to
 * exactly what the guard saw (no second DNS query that could answer differently), while the request keeps the
 * URL's host for the Host header and TLS SNI/certificate checks.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = wanted ? addresses.filter((a) => a.family === wanted) : [...addresses];
    const first = usable[0];
    if (!first) {
      const err: NodeJS.ErrnoException = new Error('no checked address for this family');
      err.code = 'ENOTFOUND';
      callback(err, '', 0);
    } else if (options.all) {
      callback(
        null,
        usable.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}
