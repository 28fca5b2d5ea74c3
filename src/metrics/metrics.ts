/**
 * The metrics port: the events the bot's parts report, in their own words. Domain modules depend on this
 * interface only; the Prometheus implementation (prometheus.ts) is chosen in src/app.ts. Every label value
 * comes from a fixed set (command names the bot defines, outcome words below): never user input, topics
 * or server ids, so the number of series stays bounded.
 */

/** How an interaction ended: answered, refused with a message for the member, or failed on our side. */
export type InteractionOutcome = 'ok' | 'refused' | 'error';

/** How one feed poll ended. */
export type FeedPollOutcome = 'ok' | 'not_modified' | 'failed' | 'disabled';

/** Where ingested articles came from. */
export type IngestSource = 'feed' | 'page';

/** Tokens an LLM call used, as the endpoint reported them (0 when it did not say). */
export interface TokenUsage {
  input: number;
  output: number;
}

/** What the bot reports as it works. Implementations must never throw. */
export interface Metrics {
  /**
   * One slash command or button press answered. `command` is a command the bot defines (a button is
   * `command:action`), or `unknown`; `seconds` from arrival to the final answer.
   */
  interaction(command: string, outcome: InteractionOutcome, seconds: number): void;
  /** One briefing cache lookup. */
  cacheLookup(hit: boolean): void;
  /**
   * One LLM call (retries included): `ok`, or the failure reason (rate_limited, timeout, ...), and what it
   * was for (`briefing`, `notes`, `translation`).
   */
  llmCall(outcome: string, tokens: TokenUsage, purpose?: string): void;
  /** Articles newly stored (not updates of stored ones). */
  articlesIngested(count: number, source: IngestSource): void;
  feedPoll(outcome: FeedPollOutcome): void;
  /** One digest run ended with this ledger status (posted, nothing_new, failed, ...) or `error`. */
  digestRun(outcome: string): void;
}

/** Reports nothing: the default wherever no metrics are wanted (tests, one-shot CLI commands). */
export const noMetrics: Metrics = {
  interaction: () => undefined,
  cacheLookup: () => undefined,
  llmCall: () => undefined,
  articlesIngested: () => undefined,
  feedPoll: () => undefined,
  digestRun: () => undefined,
};
