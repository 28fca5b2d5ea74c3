import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FeedPollOutcome, IngestSource, InteractionOutcome, Metrics, TokenUsage } from './metrics.js';

/** What an LLM call is for: the name of the JSON schema it asks for (a series each, so cost is seen by kind). */
const LLM_PURPOSES = ['briefing', 'notes', 'translation'] as const;

/** Reply latency buckets, in seconds: instant answers up to a slow model within Discord's 15 minutes. */
const REPLY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/** A label value from code, kept to a safe shape; anything else is counted as `other`. */
function label(value: string): string {
  return /^[a-z0-9_:.-]{1,64}$/i.test(value) ? value : 'other';
}

/** Figures kept alongside the Prometheus series, for /newsdesk status. */
export interface CacheCounts {
  hits: number;
  misses: number;
}

/**
 * The metrics port over prom-client, with its own registry (never the global one: several apps in one
 * process, as in tests, do not collide). `processMetrics` adds prom-client's default process metrics
 * (CPU, memory, event loop lag, GC, handles) to the same registry.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly interactions: Counter<'command' | 'outcome'>;
  private readonly replySeconds: Histogram<'command'>;
  private readonly cacheLookups: Counter<'result'>;
  private readonly llmCalls: Counter<'outcome' | 'purpose'>;
  private readonly llmTokens: Counter<'kind'>;
  private readonly llmErrors: Counter<'reason'>;
  private readonly articles: Counter<'source'>;
  private readonly feedPolls: Counter<'outcome'>;
  private readonly digestRuns: Counter<'outcome'>;
  private readonly counts: CacheCounts = { hits: 0, misses: 0 };

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.interactions = new Counter({
      name: 'newsdesk_interactions_total',
      help: 'Slash commands and button presses answered, by command and outcome (ok, refused, error).',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.replySeconds = new Histogram({
      name: 'newsdesk_reply_seconds',
      help: 'Time from an interaction arriving to its final answer, in seconds.',
      labelNames: ['command'],
      buckets: REPLY_BUCKETS,
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'newsdesk_cache_lookups_total',
      help: 'Briefing cache lookups, by result (hit, miss).',
      labelNames: ['result'],
      registers,
    });
    this.llmCalls = new Counter({
      name: 'newsdesk_llm_calls_total',
      help: 'Calls to the language model (retries included), by outcome (ok, error) and purpose (briefing, notes, translation).',
      labelNames: ['outcome', 'purpose'],
      registers,
    });
    this.llmTokens = new Counter({
      name: 'newsdesk_llm_tokens_total',
      help: 'Tokens the language model reported, by kind (input, output) and purpose (briefing, notes, translation).',
      labelNames: ['kind', 'purpose'],
      registers,
    });
    this.llmErrors = new Counter({
      name: 'newsdesk_llm_errors_total',
      help: 'Failed language model calls, by reason (rate_limited, timeout, unreachable, ...).',
      labelNames: ['reason'],
      registers,
    });
    this.articles = new Counter({
      name: 'newsdesk_articles_ingested_total',
      help: 'Articles newly stored, by source (feed, page).',
      labelNames: ['source'],
      registers,
    });
    this.feedPolls = new Counter({
      name: 'newsdesk_feed_polls_total',
      help: 'Feed polls, by outcome (ok, not_modified, failed, disabled).',
      labelNames: ['outcome'],
      registers,
    });
    this.digestRuns = new Counter({
      name: 'newsdesk_digest_runs_total',
      help: 'Digest runs, by the status recorded (posted, nothing_new, failed, ...).',
      labelNames: ['outcome'],
      registers,
    });
    // Zero series for the outcomes that matter, so that rates and alerts work before the first event.
    for (const result of ['hit', 'miss']) this.cacheLookups.labels(result).inc(0);
    for (const purpose of LLM_PURPOSES) {
      for (const outcome of ['ok', 'error']) this.llmCalls.labels(outcome, purpose).inc(0);
      for (const kind of ['input', 'output']) this.llmTokens.labels(kind, purpose).inc(0);
    }
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  interaction(command: string, outcome: InteractionOutcome, seconds: number): void {
    this.interactions.labels(label(command), outcome).inc();
    this.replySeconds.labels(label(command)).observe(Math.max(0, seconds));
  }

  cacheLookup(hit: boolean): void {
    this.cacheLookups.labels(hit ? 'hit' : 'miss').inc();
    if (hit) this.counts.hits += 1;
    else this.counts.misses += 1;
  }

  llmCall(outcome: string, tokens: TokenUsage, purpose = 'briefing'): void {
    const ok = outcome === 'ok';
    const what = (LLM_PURPOSES as readonly string[]).includes(purpose) ? purpose : 'other';
    this.llmCalls.labels(ok ? 'ok' : 'error', what).inc();
    if (!ok) this.llmErrors.labels(label(outcome)).inc();
    if (tokens.input > 0) this.llmTokens.labels('input', what).inc(tokens.input);
    if (tokens.output > 0) this.llmTokens.labels('output', what).inc(tokens.output);
  }

  articlesIngested(count: number, source: IngestSource): void {
    if (count > 0) this.articles.labels(source).inc(count);
  }

  feedPoll(outcome: FeedPollOutcome): void {
    this.feedPolls.labels(outcome).inc();
  }

  digestRun(outcome: string): void {
    this.digestRuns.labels(label(outcome)).inc();
  }

  /** Cache hits and misses since start. */
  cacheCounts(): CacheCounts {
    return { ...this.counts };
  }

  /** The Prometheus text exposition of every series. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
