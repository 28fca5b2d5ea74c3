import type { Db } from '../articles/database.js';
import { migrateDigests } from './digest-schema.js';
import type { RunRecord, RunStatus } from './types.js';
import { nonceFor } from '../nonce.js';

/**
 * The Discord message nonce of a digest run: derived from (server, digest, local date) only, so every
 * attempt and every process sends the same one, and with `enforce_nonce` Discord returns the first
 * message instead of creating a second (for as long as it remembers the nonce: a few minutes).
 */
export function digestNonce(key: { guildId: string; digestId: string; localDate: string }): string {
  return nonceFor(`digest:${key.guildId}:${key.digestId}:${key.localDate}`);
}

interface RunRow {
  guild_id: string;
  digest_id: string;
  local_date: string;
  scheduled_at: number;
  status: string;
  claim_token: string | null;
  claimed_at: number | null;
  post_started_at: number | null;
  finished_at: number | null;
  message_id: string | null;
  channel_id: string | null;
  reason: string | null;
  retryable: number;
  late: number;
  attempts: number;
  nonce: string;
  article_count: number | null;
  covered_until: number | null;
}

function toRecord(r: RunRow): RunRecord {
  return {
    guildId: r.guild_id,
    digestId: r.digest_id,
    localDate: r.local_date,
    scheduledAt: r.scheduled_at,
    status: r.status as RunStatus,
    claimToken: r.claim_token,
    claimedAt: r.claimed_at,
    postStartedAt: r.post_started_at,
    finishedAt: r.finished_at,
    messageId: r.message_id,
    channelId: r.channel_id,
    reason: r.reason,
    retryable: r.retryable === 1,
    late: r.late === 1,
    attempts: r.attempts,
    nonce: r.nonce,
    articleCount: r.article_count,
    coveredUntil: r.covered_until,
  };
}

/** Identifies one run: a digest of a server on a local date. */
export interface RunKey {
  guildId: string;
  digestId: string;
  localDate: string;
}

/** What a claim records about the run it starts. */
export interface ClaimInput extends RunKey {
  scheduledAt: number;
  channelId: string;
  late: boolean;
  nonce: string;
  /** This process (scheduler instance). */
  owner: string;
  now: number;
}

/** How a run ended. */
export interface RunOutcome {
  status: Extract<RunStatus, 'posted' | 'nothing_new' | 'failed' | 'uncertain'>;
  messageId?: string | null;
  reason?: string | null;
  /** A failure worth one more try within the grace period. */
  retryable?: boolean;
  articleCount?: number | null;
  coveredUntil?: number | null;
}

const KEY = 'guild_id = @guildId AND digest_id = @digestId AND local_date = @localDate';

/**
 * The run ledger (`digest_runs`). A run is claimed by an INSERT that the UNIQUE(server, digest, local
 * date) constraint lets only one process win; every later change is a compare-and-set on the claim
 * token (owner + attempt), so a process that lost its claim (taken over after it looked dead) can
 * never overwrite what the new owner recorded.
 */
export class RunLedger {
  readonly #s;

  constructor(readonly db: Db) {
    migrateDigests(db);
    this.#s = {
      insert:
        db.prepare(`INSERT INTO digest_runs (guild_id, digest_id, local_date, scheduled_at, status, claim_token,
        claimed_at, channel_id, late, attempts, nonce) VALUES (@guildId, @digestId, @localDate, @scheduledAt, @status,
        @token, @now, @channelId, @late, @attempts, @nonce) ON CONFLICT DO NOTHING`),
      get: db.prepare(`SELECT * FROM digest_runs WHERE ${KEY}`),
      latest: db.prepare(
        'SELECT * FROM digest_runs WHERE guild_id = ? AND digest_id = ? ORDER BY scheduled_at DESC LIMIT ?',
      ),
      takeOver:
        db.prepare(`UPDATE digest_runs SET claim_token = @token, claimed_at = @now, attempts = attempts + 1,
        status = CASE WHEN status = 'posting' THEN 'posting' ELSE 'claimed' END, late = max(late, @late), reason = NULL, retryable = 0
        WHERE ${KEY} AND status = @status AND attempts = @attempts AND claim_token IS @expected`),
      posting:
        db.prepare(`UPDATE digest_runs SET status = 'posting', post_started_at = coalesce(post_started_at, @now)
        WHERE ${KEY} AND claim_token = @token`),
      finish:
        db.prepare(`UPDATE digest_runs SET status = @status, message_id = coalesce(@messageId, message_id),
        reason = @reason, retryable = @retryable, article_count = @articleCount, covered_until = @coveredUntil, finished_at = @now
        WHERE ${KEY} AND claim_token = @token`),
    };
  }

  /** Claims a run. `won` is false when another claim (of this or another process) got there first. */
  claim(input: ClaimInput): { won: boolean; run: RunRecord } {
    const won = this.#insert(input, 'claimed', 1);
    return { won, run: this.get(input)! };
  }

  /** Records a run that will not happen (e.g. the bot was down beyond the grace period). No-op if the date has a run. */
  recordSkipped(input: Omit<ClaimInput, 'owner' | 'late'> & { reason: string }): boolean {
    const inserted = this.#insert({ ...input, owner: '', late: false }, 'skipped', 0);
    if (inserted)
      this.db
        .prepare(
          `UPDATE digest_runs SET reason = @reason, finished_at = @now, claim_token = NULL WHERE ${KEY}`,
        )
        .run(input);
    return inserted;
  }

  #insert(input: ClaimInput, status: RunStatus, attempts: number): boolean {
    const token = attempts ? `${input.owner}#${attempts}` : null;
    return this.#s.insert.run({ ...input, status, token, late: input.late ? 1 : 0, attempts }).changes === 1;
  }

  /**
   * Takes over a run seen as `expected` (a dead process's claim, a failed run to retry): succeeds for
   * exactly one caller, and only if nobody changed the row since it was read. Returns the new record.
   */
  takeOver(expected: RunRecord, owner: string, now: number, late: boolean): RunRecord | null {
    const token = `${owner}#${expected.attempts + 1}`;
    const changed = this.#s.takeOver.run({
      ...expected,
      token,
      now,
      late: late ? 1 : 0,
      expected: expected.claimToken,
    }).changes;
    return changed === 1 ? this.get(expected) : null;
  }

  /** Notes that the send is starting (the first such time is kept: Discord's nonce window counts from it). */
  markPosting(run: RunRecord, now: number): boolean {
    return this.#s.posting.run({ ...run, token: run.claimToken, now }).changes === 1;
  }

  /** Records the result; false when this claim is no longer the owner. */
  finish(run: RunRecord, outcome: RunOutcome, now: number): boolean {
    return (
      this.#s.finish.run({
        ...run,
        token: run.claimToken,
        now,
        status: outcome.status,
        messageId: outcome.messageId ?? null,
        reason: outcome.reason ?? null,
        retryable: outcome.retryable ? 1 : 0,
        articleCount: outcome.articleCount ?? null,
        coveredUntil: outcome.coveredUntil ?? null,
      }).changes === 1
    );
  }

  get(key: RunKey): RunRecord | null {
    const row = this.#s.get.get(key) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The newest runs of a digest, newest first. */
  latest(guildId: string, digestId: string, limit = 1): RunRecord[] {
    return (this.#s.latest.all(guildId, digestId, limit) as RunRow[]).map(toRecord);
  }
}
