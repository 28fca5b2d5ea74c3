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
