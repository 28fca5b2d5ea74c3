/** Longest digest id. */
export const MAX_ID_LENGTH = 24;

/**
 * A short id from a digest's name: lower-case letters, digits and dashes, accents dropped
 * ("Morning World" -> "morning-world"). Empty when the name has nothing usable.
 */
export function digestIdFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
}
