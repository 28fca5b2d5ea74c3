import { httpUrl } from '../articles/url-key.js';

/** A readable source name from a URL's host ("www.bbc.co.uk" -> "bbc.co.uk"), or null. */
export function sourceFromUrl(url: string | null | undefined): string | null {
  return httpUrl(url)?.hostname.replace(/^www\./, '') || null;
}

/** Makes a possibly relative link absolute against `base`; null when it cannot be resolved. */
export function absoluteUrl(link: string | null | undefined, base: string | null | undefined): string | null {
  if (!link?.trim()) return null;
  try {
    return new URL(link.trim(), base ?? undefined).toString();
  } catch {
    return null;
  }
}
