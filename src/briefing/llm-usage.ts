import type { Db } from '../articles/database.js';
import type { LlmUsage } from './llm-client.js';

/** LLM calls and tokens of one UTC day. */
export interface LlmUsageDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS llm_usage (
  day TEXT PRIMARY KEY,
  calls INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS llm_usage_guild (
  day TEXT NOT NULL,
  guild_id TEXT NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, guild_id)
) WITHOUT ROWID;
`;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * LLM calls and tokens per UTC day, in the shared SQLite file (table `llm_usage`, one row a day), so
 * that "today" survives a restart and two processes on one database add up. Fed from the usage figures
 * the endpoint returns with each answer.
 */
export class LlmUsageLedger {
  private readonly add: ReturnType<Db['prepare']>;
  private readonly read: ReturnType<Db['prepare']>;
  private readonly addGuild: ReturnType<Db['prepare']>;
  private readonly readGuild: ReturnType<Db['prepare']>;

  constructor(db: Db) {
    db.exec(SCHEMA);
    this.add = db.prepare(
      `INSERT INTO llm_usage (day, calls, failures, input_tokens, output_tokens) VALUES (@day, 1, @failed, @input, @output)
       ON CONFLICT (day) DO UPDATE SET calls = calls + 1, failures = failures + excluded.failures,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens`,
    );
    this.read = db.prepare(
      'SELECT calls, failures, input_tokens AS inputTokens, output_tokens AS outputTokens FROM llm_usage WHERE day = ?',
    );
    this.addGuild = db.prepare(
      `INSERT INTO llm_usage_guild (day, guild_id, calls, input_tokens, output_tokens) VALUES (@day, @guild, 1, @input, @output)
       ON CONFLICT (day, guild_id) DO UPDATE SET calls = calls + 1,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens`,
    );
    this.readGuild = db.prepare(
      'SELECT input_tokens + output_tokens FROM llm_usage_guild WHERE day = ? AND guild_id = ?',
    );
  }

  /** Charges one call's tokens to the server it was made for (its daily budget). */
  recordForGuild(at: number, guildId: string, usage: LlmUsage): void {
    this.addGuild.run({
      day: utcDay(at),
      guild: guildId,
      input: Math.max(0, Math.round(usage.input)),
      output: Math.max(0, Math.round(usage.output)),
    });
  }

  /** Tokens (input and output) charged to a server on the UTC day `at` falls in. */
  guildTokens(at: number, guildId: string): number {
    return (this.readGuild.pluck().get(utcDay(at), guildId) as number | undefined) ?? 0;
  }

  /** Adds one call that ended at `at`. */
  record(at: number, ok: boolean, usage: LlmUsage): void {
    this.add.run({
      day: utcDay(at),
      failed: ok ? 0 : 1,
      input: Math.max(0, Math.round(usage.input)),
      output: Math.max(0, Math.round(usage.output)),
    });
  }

  /** The figures of the UTC day `at` falls in (zeros when there were no calls). */
  day(at: number): LlmUsageDay {
    const day = utcDay(at);
    const row = this.read.get(day) as Omit<LlmUsageDay, 'day'> | undefined;
    return { day, ...(row ?? { calls: 0, failures: 0, inputTokens: 0, outputTokens: 0 }) };
  }
}
