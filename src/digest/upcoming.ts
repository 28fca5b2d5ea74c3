import type { RunLedger } from './run-ledger.js';
import { nextOccurrence, type Occurrence } from './schedule.js';
import type { Digest } from './types.js';

/**
 * The next run that will actually happen: none while paused; otherwise the next scheduled time after
 * now (and after the last change), passing over local dates the ledger already has a run for (a time
 * moved later on a day that was already posted).
 */
export function upcomingRun(digest: Digest, ledger: RunLedger, now: number): Occurrence | null {
  if (digest.paused) return null;
  let next = nextOccurrence(digest, Math.max(now, digest.scheduleFrom));
  for (
    let i = 0;
    i < 3 && ledger.get({ guildId: digest.guildId, digestId: digest.id, localDate: next.localDate });
    i++
  ) {
    next = nextOccurrence(digest, next.at);
  }
  return next;
}
