import { createHash } from 'node:crypto';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function normalizeSpace(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * `Article.contentHash`: sha256 (hex) of title and body with whitespace normalised.
 * Any visible change to the text changes it (case and punctuation included).
 */
export function contentHash(title: string, body: string): string {
  return sha256(`${normalizeSpace(title)}\n${normalizeSpace(body)}`);
}

/**
 * Hash used to spot the same story text under two URLs: body only, case-folded, compatibility-
 * normalised, punctuation and whitespace ignored. Deliberately looser than {@link contentHash}.
 */
export function bodyDedupeHash(body: string): string {
  const folded = body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return sha256(folded);
}

/** Bodies shorter than this (in letters and digits) are too generic to dedupe by text alone. */
export const MIN_DEDUPE_BODY_CHARS = 200;

/** Whether a body is long enough for {@link bodyDedupeHash} matches to mean "same article". */
export function isDedupeableBody(body: string): boolean {
  return body.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_DEDUPE_BODY_CHARS;
}
