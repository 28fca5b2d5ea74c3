import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../articles/database.js';
import type { LlmUsage } from './llm-client.js';
import { utcDay } from './llm-usage.js';

/** One charge, exactly once: what {@link SharedCounters.apply} receives. */
export interface PendingCharge {
  id: string;
  day: string;
  guildId: string | null;
  tokens: number;
}

/** The shared day counters (RedisCounters): bounded, never throwing; null/false when unreachable. */
export interface SharedCounters {
  /** Applies each charge once however often it is sent (idempotent by id); true when the store took them. */
  apply(charges: readonly PendingCharge[]): Promise<boolean>;
  tokens(day: string, guildId: string | null | undefined): Promise<{ bot: number; server: number } | null>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS llm_usage_outbox (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  guild_id TEXT,
  tokens INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Rows sent to the shared store in one batch. */
const BATCH = 200;

/**
 * Daily token usage shared by every process on one Redis, charged exactly once from the API's usage
 * figures however Redis comes and goes.
 *
 * The design: the local SQLite ledger records every call as before (the app's `LlmUsageLedger`, which
 * budgets fall back to while Redis is down). Each charge is also written, in the same SQLite file, as a
 * row of an outbox (`llm_usage_outbox`) with a unique id, and the outbox is flushed to Redis: right
 * after the charge, before each budget check, and once a second while rows are left (so a Redis that
 * comes back is caught up with no traffic). Redis applies a row with a script that adds its tokens only
 * if its id is not yet in the day's set of applied ids, and the row is deleted once Redis has answered.
 * So a row is never lost (it stays in SQLite until Redis took it, across restarts too), and never counted
 * twice (a batch re-sent after a lost reply, or flushed by two processes of one host at once, is
 * skipped by id).
 */
export class SharedTokenUsage {
  readonly #db: Db;
  readonly #counters: SharedCounters;
  readonly #retryMs: number;
  readonly #token = randomBytes(6).toString('hex');
  #seq = 0;
  #flushing: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #insert: ReturnType<Db['prepare']>;
  readonly #batch: Statement<[], PendingCharge>;
  readonly #deleteAll: (ids: string[]) => void;
  readonly #pendingDay: ReturnType<Db['prepare']>;

  constructor(db: Db, counters: SharedCounters, options: { retryMs?: number } = {}) {
    this.#db = db;
    this.#counters = counters;
    this.#retryMs = options.retryMs ?? 1000;
    db.exec(SCHEMA);
    this.#insert = db.prepare(
      'INSERT INTO llm_usage_outbox (id, day, guild_id, tokens) VALUES (@id, @day, @guildId, @tokens)',
    );
    this.#batch = db.prepare<[], PendingCharge>(
      `SELECT id, day, guild_id AS guildId, tokens FROM llm_usage_outbox ORDER BY day, id LIMIT ${BATCH}`,
    );
    const remove = db.prepare('DELETE FROM llm_usage_outbox WHERE id = ?');
    this.#deleteAll = db.transaction((ids: string[]) => {
      for (const id of ids) remove.run(id);
    });
    this.#pendingDay = db.prepare(
      `SELECT COALESCE(SUM(tokens), 0) AS bot,
              COALESCE(SUM(CASE WHEN guild_id = @guildId THEN tokens END), 0) AS server
       FROM llm_usage_outbox WHERE day = @day AND (guild_id IS NULL OR guild_id = @guildId)`,
    );
    // Rows left by an earlier run (Redis was down when it stopped) go out now.
    this.#kick();
  }

  /** Charges one call's tokens (input and output) to the bot's day (guildId null) or a server's. */
  charge(guildId: string | null | undefined, usage: LlmUsage, at: number): void {
    const tokens = Math.max(0, Math.round(usage.input)) + Math.max(0, Math.round(usage.output));
    if (tokens === 0) return;
    this.#seq += 1;
    this.#insert.run({
      id: `${this.#token}-${this.#seq}`,
      day: utcDay(at),
      guildId: guildId ?? null,
      tokens,
    });
    this.#kick();
  }

  /**
   * Tokens used on the UTC day of `at` by every process, for the bot and a server (0 without one);
   * null when Redis cannot be reached, so that the caller counts from its local ledger.
   */
  async used(
    guildId: string | null | undefined,
    at: number,
  ): Promise<{ bot: number; server: number } | null> {
    await this.flush();
    const day = utcDay(at);
    const shared = await this.#counters.tokens(day, guildId);
    if (!shared) return null;
    // Rows not taken yet (Redis answered the read but not the flush) count too: the safe side.
    const pending = this.#pendingDay.get({ day, guildId: guildId ?? null }) as {
      bot: number;
      server: number;
    };
    return { bot: shared.bot + pending.bot, server: shared.server + (guildId ? pending.server : 0) };
  }

  /** Rows not yet taken by Redis. */
  pending(): number {
    return this.#db.prepare('SELECT COUNT(*) FROM llm_usage_outbox').pluck().get() as number;
  }

  /** Sends the outbox to Redis (one flush at a time); rows Redis did not take stay for the next try. */
  flush(): Promise<void> {
    // A charge made while a flush runs is sent by that flush's next round.
    this.#again = true;
    this.#flushing ??= (async () => {
      while (this.#again) {
        this.#again = false;
        if (!(await this.#flushAll())) {
          this.#retryLater();
          return;
        }
      }
    })().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  /** Stops retrying (the rows stay in SQLite for the next start); one last bounded flush first. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.flush();
  }

  /** Sends every row; false when Redis did not take a batch. */
  async #flushAll(): Promise<boolean> {
    for (;;) {
      const rows = this.#batch.all();
      if (!rows.length) return true;
      if (!(await this.#counters.apply(rows))) return false;
      this.#deleteAll(rows.map((row) => row.id));
      if (rows.length < BATCH) return true;
    }
  }

  #kick(): void {
    void this.flush();
  }

  #retryLater(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#kick();
    }, this.#retryMs);
    this.#timer.unref();
  }
}
