import type { Occurrence } from './schedule.js';
import { localTimeOf } from './schedule.js';
import type { Digest, RunRecord } from './types.js';

/** The timing rules of the runner. All durations in ms. */
export interface RunPolicy {
  /** A run missed (bot down) is still made this long after its scheduled time, marked late (DIGEST_GRACE, 2 h). */
  graceMs: number;
  /** A run starting this long after its time is marked late (60 s). */
  lateAfterMs: number;
  /** A transient failure is retried once, this long after it (10 min), if still within the grace period. */
  retryDelayMs: number;
  /** Attempts per run, the first included (2). */
  maxAttempts: number;
  /** A claim with no send started for this long is from a dead process (write timeout + 1 min). */
  claimStaleMs: number;
  /** A send with no answer recorded for this long is from a dead process (post timeout + 15 s). */
  postStaleMs: number;
  /** How long Discord is trusted to return the first message for a re-sent nonce (2 min; Discord says "a few minutes"). */
  nonceWindowMs: number;
}

/** What to do about a digest's latest scheduled run. */
export type Plan =
  | { action: 'wait' }
  | { action: 'claim'; late: boolean }
  | { action: 'skip'; reason: string }
  /** Re-run a run this process takes over: a retry, a dead process's claim, or a re-send with the same nonce. */
  | { action: 'take_over'; run: RunRecord; why: 'retry' | 'stale_claim' | 'resend' }
  /** Close a dead process's run that can no longer be safely redone. */
  | { action: 'close'; run: RunRecord; status: 'failed' | 'uncertain'; reason: string };

/** Inputs of {@link planRun}: the latest scheduled run at or before `now`, and its ledger row. */
export interface PlanInput {
  digest: Pick<Digest, 'paused' | 'scheduleFrom' | 'time' | 'timezone'>;
  occurrence: Occurrence | null;
  run: RunRecord | null;
  now: number;
  policy: RunPolicy;
}

function hoursText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`;
}

/** Why a missed run was not made, e.g. "bot was down at 08:00, beyond the 2 h grace". */
export function missedReason(digest: PlanInput['digest'], occurrence: Occurrence, graceMs: number): string {
  return `bot was down at ${localTimeOf(occurrence.at, digest.timezone)}, beyond the ${hoursText(graceMs)} grace`;
}

/**
 * Decides, purely, what a scheduler does about a digest's latest scheduled run (see the crash rules
 * on DigestScheduler). Scheduled times at or before `scheduleFrom` (creation, change, resume) never run.
 */
export function planRun({ digest, occurrence: occ, run, now, policy }: PlanInput): Plan {
  if (digest.paused || !occ || occ.at <= digest.scheduleFrom) return { action: 'wait' };
  const withinGrace = now - occ.at <= policy.graceMs;
  if (!run) {
    if (withinGrace) return { action: 'claim', late: now - occ.at > policy.lateAfterMs };
    return { action: 'skip', reason: missedReason(digest, occ, policy.graceMs) };
  }
  if (run.status === 'claimed' && now - (run.claimedAt ?? 0) >= policy.claimStaleMs) {
    if (withinGrace) return { action: 'take_over', run, why: 'stale_claim' };
    return {
      action: 'close',
      run,
      status: 'failed',
      reason: `the bot stopped while writing this digest and was not back within the ${hoursText(policy.graceMs)} grace`,
    };
  }
  if (run.status === 'posting') {
    const lastActivity = Math.max(run.claimedAt ?? 0, run.postStartedAt ?? 0);
    if (now - lastActivity < policy.postStaleMs) return { action: 'wait' };
    if (now - (run.postStartedAt ?? 0) <= policy.nonceWindowMs)
      return { action: 'take_over', run, why: 'resend' };
    return {
      action: 'close',
      run,
      status: 'uncertain',
      reason: `the bot stopped while sending at ${localTimeOf(run.postStartedAt ?? occ.at, digest.timezone)}; not re-sent after Discord's duplicate guard expired, so it may be missing from the channel`,
    };
  }
  const retryAt = retryTime(run, policy);
  if (retryAt !== null && withinGrace && now >= retryAt) return { action: 'take_over', run, why: 'retry' };
  return { action: 'wait' };
}

/**
 * When a failed run may be tried again, or null for never. A failure after the send began may have
 * reached Discord (a 5xx, a dropped connection): it is re-sent only while Discord still honours the
 * nonce, soon after the first send, so a retry can never post a second copy.
 */
function retryTime(run: RunRecord, policy: RunPolicy): number | null {
  if (run.status !== 'failed' || !run.retryable || run.attempts >= policy.maxAttempts) return null;
  if (run.postStartedAt === null) return (run.finishedAt ?? 0) + policy.retryDelayMs;
  const at = Math.max(run.finishedAt ?? 0, run.postStartedAt + policy.nonceWindowMs / 4);
  return at <= run.postStartedAt + policy.nonceWindowMs ? at : null;
}

/** The next moment after `now` when {@link planRun} may answer differently (the next scheduled run at the latest). */
export function nextAttention(input: PlanInput & { next: Occurrence }): number {
  const { digest, occurrence: occ, run, now, policy } = input;
  if (digest.paused) return Number.POSITIVE_INFINITY;
  const times = [input.next.at];
  if (run && occ) {
    if (run.status === 'claimed') times.push((run.claimedAt ?? 0) + policy.claimStaleMs);
    if (run.status === 'posting')
      times.push(Math.max(run.claimedAt ?? 0, run.postStartedAt ?? 0) + policy.postStaleMs);
    const retryAt = retryTime(run, policy);
    if (retryAt !== null && retryAt <= occ.at + policy.graceMs) times.push(retryAt);
  }
  return Math.min(...times.filter((t) => t > now), Number.POSITIVE_INFINITY);
}
