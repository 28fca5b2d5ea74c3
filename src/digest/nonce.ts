import { nonceFor } from '../nonce.js';

/**
 * The Discord message nonce of a digest run: derived from (server, digest, local date) only, so every
 * attempt and every process sends the same one, and with `enforce_nonce` Discord returns the first
 * message instead of creating a second (for as long as it remembers the nonce: a few minutes).
 */
export function digestNonce(key: { guildId: string; digestId: string; localDate: string }): string {
  return nonceFor(`digest:${key.guildId}:${key.digestId}:${key.localDate}`);
}
