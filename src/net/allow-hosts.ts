import { parseIpLiteral } from './ip-parse.js';

/**
 * Normalises a host for allow-list matching: lower case, no brackets, no trailing dot, and IP addresses in
 * canonical form (`0x7f.1` -> `127.0.0.1`, `[0:0::1]` -> `::1`) so that spellings of one address match.
 */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  const ip = parseIpLiteral(h);
  if (ip) return ip.text;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** The parsed operator allow-list, plus the entries that could not be used (for config error messages). */
export interface ParsedAllowHosts {
  hosts: ReadonlySet<string>;
  invalid: string[];
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

/**
 * Parses INGEST_ALLOW_HOSTS: host names or IP addresses separated by commas (or white space), e.g.
 * `127.0.0.1, feeds.intranet.example`. Entries with a scheme, port, path or wildcard are reported in `invalid`
 * rather than guessed at. An empty or missing value gives an empty list.
 */
export function parseAllowHosts(text: string | undefined): ParsedAllowHosts {
  const hosts = new Set<string>();
  const invalid: string[] = [];
  for (const raw of (text ?? '').split(/[\s,]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const ip = parseIpLiteral(entry);
    if (ip) {
      hosts.add(ip.text);
      continue;
    }
    const host = normaliseHost(entry);
    if (HOST_NAME.test(host)) hosts.add(host);
    else invalid.push(entry);
  }
  return { hosts, invalid };
}

/**
 * True when the URL host (as written in the URL, after normalisation) is on the allow-list. Matching is exact on
 * the host, never on the address it resolves to: allowing `127.0.0.1` does not allow `localhost` or any name that
 * resolves to 127.0.0.1.
 */
export function isHostAllowed(
  host: string,
  allowHosts: ReadonlySet<string> | readonly string[] | undefined,
): boolean {
  if (!allowHosts) return false;
  const wanted = normaliseHost(host);
  for (const entry of allowHosts) if (normaliseHost(entry) === wanted) return true;
  return false;
}
