/** Query parameters that carry credentials in the URL forms clients accept (`?password=`, `?token=` ...). */
const SECRET_PARAM =
  /^(?:pass(?:word|wd)?|pwd|secret|token|auth|(?:api[-_]?|access[-_]?)?key|access[-_]?token)$/i;

/** `name=value` pairs of a URL's query, raw (not decoded), parsed by hand so that a broken URL still yields them. */
function queryPairs(raw: string): [string, string][] {
  const query = /\?([^#]*)/.exec(raw)?.[1] ?? '';
  return query
    .split('&')
    .map((pair) => pair.split('=') as [string, string?])
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([name, value]) => [name, value]);
}

/**
 * The URL with its credentials replaced by `***`, safe for logs and error messages: the password of the
 * user info and any secret-looking query parameter. When the URL does not parse, everything between
 * `scheme://` and `@` is hidden instead.
 */
export function redactUrl(raw: string): string {
  const hiddenQuery = raw.replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, sep: string, name: string) =>
    SECRET_PARAM.test(name) ? `${sep}${name}=***` : whole,
  );
  try {
    const url = new URL(hiddenQuery);
    if (!url.password) return hiddenQuery;
    url.password = '***';
    return url.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return hiddenQuery.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
  }
}

/** The secrets of a URL (its password and secret query values), raw and percent-decoded. */
export function urlSecrets(raw: string): string[] {
  let password: string;
  try {
    password = new URL(raw).password;
  } catch {
    password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(raw)?.[1] ?? '';
  }
  const found = [
    password,
    ...queryPairs(raw).flatMap(([name, value]) => (SECRET_PARAM.test(name) ? [value] : [])),
  ];
  return [
    ...new Set(
      found.filter(Boolean).flatMap((secret) => {
        try {
          return [secret, decodeURIComponent(secret)];
        } catch {
          return [secret];
        }
      }),
    ),
  ].filter(Boolean);
}

/** A function that replaces each of `secrets` in a text with `***`. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
