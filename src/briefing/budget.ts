import type { ChatMessage, LlmUsage } from './llm-client.js';
import { utcDay, type LlmUsageLedger } from './llm-usage.js';

/** Daily LLM token budgets (input and output tokens together, per UTC day); null = unlimited. */
export interface BudgetSettings {
  /** LLM_DAILY_TOKENS_PER_SERVER: what one server's requests may use a day. */
  perServer: number | null;
  /** LLM_DAILY_TOKENS: what the whole bot may use a day. */
  total: number | null;
}

/** Whether a call may be made, and when not, which budget is spent and when it resets. */
export type BudgetVerdict =
  { ok: true } | { ok: false; scope: 'server' | 'bot'; used: number; limit: number; resetsAt: number };

/**
 * Tokens a prompt may take, counted before the call, when the endpoint's own count is not known yet:
 * GPT-style tokenizers make about 4 characters of English or other Latin-script text one token, and
 * rarely fewer than 3; Chinese, Japanese, Korean and other scripts can take a token or more per
 * character. So: Latin-script characters / 3, every other character 1 token. It overestimates, which
 * is the safe side for a budget; the figures charged afterwards are the API's `usage`.
 */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  let latin = 0;
  let other = 0;
  for (const m of messages)
    for (const ch of m.content) {
      if (/[\p{Script=Latin}\p{N}\p{P}\p{Zs}\n\t]/u.test(ch) || ch.charCodeAt(0) < 0x80) latin += 1;
      else other += 1;
    }
  return Math.ceil(latin / 3) + other + 4 * messages.length;
}

/** The next 00:00 UTC after `at`, when the daily budgets reset. */
export function nextUtcMidnight(at: number): number {
  return Date.parse(`${utcDay(at)}T00:00:00Z`) + 86_400_000;
}

/** Usage shared by several processes (SharedTokenUsage over Redis): null when it cannot be read now. */
export interface SharedUsage {
  used(guildId: string | null | undefined, at: number): Promise<{ bot: number; server: number } | null>;
  charge(guildId: string | null | undefined, usage: LlmUsage, at: number): void;
}

/**
 * The daily LLM token budgets: checked before each call with an estimate of its tokens (prompt and the
 * longest answer allowed), charged afterwards with the API's usage figures, per server and for the bot.
 * Requests that are over a budget get the extractive briefing (the engine says so) until midnight UTC.
 * The local ledger is always charged; with `shared` (Redis) the figures of every process are checked,
 * or the local ledger's when they are higher (Redis cannot be read, or lost its data in a restart).
 */
export class LlmBudget {
  constructor(
    private readonly ledger: LlmUsageLedger,
    private readonly settings: BudgetSettings,
    private readonly shared?: SharedUsage,
  ) {}

  get limited(): boolean {
    return this.settings.perServer !== null || this.settings.total !== null;
  }

  /** May a call estimated at `tokens` be made for this server (null: no server, e.g. the console) now? */
  async check(guildId: string | null | undefined, tokens: number, at: number): Promise<BudgetVerdict> {
    if (!this.limited) return { ok: true };
    const { perServer, total } = this.settings;
    const resetsAt = nextUtcMidnight(at);
    const shared = await this.shared?.used(perServer !== null ? guildId : null, at);
    if (total !== null) {
      const today = this.ledger.day(at);
      const used = Math.max(shared?.bot ?? 0, today.inputTokens + today.outputTokens);
      if (used + tokens > total) return { ok: false, scope: 'bot', used, limit: total, resetsAt };
    }
    if (perServer !== null && guildId) {
      const used = Math.max(shared?.server ?? 0, this.ledger.guildTokens(at, guildId));
      if (used + tokens > perServer) return { ok: false, scope: 'server', used, limit: perServer, resetsAt };
    }
    return { ok: true };
  }

  /** Charges a finished call to its server (the bot's total is counted for every call by the client). */
  charge(guildId: string | null | undefined, usage: LlmUsage, at: number): void {
    if (!guildId) return;
    this.ledger.recordForGuild(at, guildId, usage);
    this.shared?.charge(guildId, usage, at);
  }
}

/** The member-facing reason for an extractive briefing over a budget, with the time it resets. */
export function budgetReason(verdict: Extract<BudgetVerdict, { ok: false }>, at: number): string {
  const whose = verdict.scope === 'server' ? "this server's" : "the bot's";
  const mins = Math.max(1, Math.round((verdict.resetsAt - at) / 60_000));
  const wait = mins >= 60 ? `${Math.floor(mins / 60)} h ${mins % 60} min` : `${mins} min`;
  return `${whose} daily language-model budget is used up; it resets at 00:00 UTC, in ${wait}`;
}
