/**
 * The URL with its password replaced by `***`, safe for logs and error messages. When the URL does
 * not parse, everything between `scheme://` and `@` is hidden instead.
 */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (!url.password) return raw;
    url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
  }
}

/** The password of a URL, raw and percent-decoded (empty when there is none or it does not parse). */
export function urlSecrets(raw: string): string[] {
  let password: string;
  try {
    password = new URL(raw).password;
  } catch {
    password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(raw)?.[1] ?? '';
  }
  if (!password) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    /* keep the raw form only */
  }
  return [...new Set([password, decoded])].filter(Boolean);
}

/** A function that replaces each of `secrets` in a text with `***`. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
