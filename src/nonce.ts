import { createHash } from 'node:crypto';

/**
 * A message nonce (Discord takes at most 25 characters) derived from `seed`: the same seed, the same
 * nonce. Sent with `enforce_nonce`, a retried post returns the first message instead of a second one.
 * Used by the moderators' posts (interactions/) and by the digest runs (digest/), hence its own module.
 */
export function nonceFor(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 25);
}
