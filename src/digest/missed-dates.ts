import type { Logger } from '../logger.js';
import { digestNonce } from './nonce.js';
import { missedReason } from './plan.js';
import type { RunLedger } from './run-ledger.js';
import { previousOccurrences } from './schedule.js';
import type { Digest } from './types.js';

/**
 * At start-up: records the scheduled dates missed before the latest one (up to `days` back, and never
 * before a digest was set or resumed) as skipped with the reason, so that no date goes unexplained.
 * The latest scheduled time itself is left to the scheduler's catch-up rule (run late within the
 * grace period, else skipped). Dates that already have a run are left alone.
 */
export function recordMissedDates(
  digests: readonly Digest[],
  ledger: RunLedger,
  now: number,
  options: { days: number; graceMs: number; logger: Logger },
): void {
  for (const digest of digests) {
    if (digest.paused) continue;
    try {
      for (const occ of previousOccurrences(digest, now, options.days + 1).slice(1)) {
        if (occ.at <= digest.scheduleFrom) break;
        const key = { guildId: digest.guildId, digestId: digest.id, localDate: occ.localDate };
        ledger.recordSkipped({
          ...key,
          scheduledAt: occ.at,
          channelId: digest.channelId,
          nonce: digestNonce(key),
          now,
          reason: missedReason(digest, occ, options.graceMs),
        });
      }
    } catch (err) {
      options.logger.error({ err, guildId: digest.guildId, digestId: digest.id }, 'digest catch-up failed');
    }
  }
}
