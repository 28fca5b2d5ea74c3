import OpenAI from 'openai';
import type { LlmSettings } from '../config.js';
import type { Logger } from '../logger.js';

/** Why an LLM call failed, in categories the engine and the member can act on. */
export type LlmFailure =
  | 'rate_limited'
  | 'timeout'
  | 'unreachable'
  | 'auth'
  | 'rejected'
  | 'server_error'
  | 'refused'
  | 'truncated'
  | 'empty';

const FAILURE_TEXT: Record<LlmFailure, string> = {
  rate_limited: 'the language model is rate-limited right now',
  timeout: 'the language model took too long to answer',
  unreachable: 'the language model could not be reached',
  auth: 'the language model rejected our credentials',
  rejected: 'the language model rejected the request',
  server_error: 'the language model had an internal error',
  refused: 'the language model declined to write this briefing',
  truncated: 'the language model stopped before finishing',
  empty: 'the language model returned nothing usable',
};

/** An LLM call that failed; `reason` says why, `cause` keeps the SDK's error. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly reason: LlmFailure,
    options?: { cause?: unknown },
  ) {
    super(FAILURE_TEXT[reason], options);
  }
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** Tokens one call used over all its attempts, as the endpoint reported them (0 when it did not say). */
export interface LlmUsage {
  input: number;
  output: number;
}

export interface LlmOptions extends LlmSettings {
  logger: Logger;
  /** For tests: a custom fetch. */
  fetch?: typeof fetch;
  /**
   * Told of every call when it ends (retries included): `ok` or why it failed, the tokens used, and what
   * the call was for (its schema's name: `briefing`, `notes`, `translation`).
   */
  onCall?: (outcome: 'ok' | LlmFailure, usage: LlmUsage, purpose: string) => void;
}

type Format = LlmOptions['responseFormat'];
const DOWNGRADE: Record<Format, Format | null> = {
  json_schema: 'json_object',
  json_object: 'none',
  none: null,
};

/** Maps an SDK error to a failure category, by the SDK's own error classes. */
export function classifyLlmError(err: unknown): LlmFailure {
  if (err instanceof LlmError) return err.reason;
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError)
    return 'timeout';
  if (err instanceof OpenAI.APIConnectionError) return 'unreachable';
  if (err instanceof OpenAI.RateLimitError) return 'rate_limited';
  if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError) return 'auth';
  if (err instanceof OpenAI.APIError && typeof err.status === 'number' && err.status >= 500)
    return 'server_error';
  if (err instanceof OpenAI.APIError) return 'rejected';
  return 'empty';
}

/** How long the server asks us to wait before retrying (`retry-after-ms`, `Retry-After` seconds or date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Whether a failed attempt is worth another (the SDK's own rules: 408, 409, 429, 5xx, connection errors). */
function retryable(err: unknown): boolean {
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError)
    return false;
  if (err instanceof OpenAI.APIConnectionError) return true;
  if (!(err instanceof OpenAI.APIError)) return false;
  const should = headersOf(err as { headers?: unknown })?.get('x-should-retry');
  if (should === 'true') return true;
  if (should === 'false') return false;
  const status: number = typeof err.status === 'number' ? err.status : 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Answer cap when the settings give none: a detailed briefing (7 bullets of 48 words) in JSON is about 600
 * tokens in English, more in other scripts.
 */
export const DEFAULT_MAX_TOKENS = 1_000;

/** An attempt needs at least this long to be worth starting. */
const MIN_ATTEMPT_MS = 500;

/**
 * A thin wrapper over the openai SDK for any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM,
 * LM Studio): JSON output by structured output where the endpoint supports it, stepping down to JSON mode
 * and then plain text once when it does not. One deadline (`timeoutMs`) bounds the whole call: attempts,
 * retries, backoff and any `Retry-After` the server sends. A server that asks for a longer wait than is
 * left ends the call at once, so the engine answers with its extractive briefing instead of waiting.
 */
export class LlmClient {
  readonly model: string;
  private readonly client: OpenAI;
  private format: Format;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  /** The longest answer asked for (`max_tokens`). */
  readonly maxTokens: number;
  private readonly onCall: LlmOptions['onCall'];

  constructor(options: LlmOptions) {
    this.onCall = options.onCall;
    this.maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    this.model = options.model;
    this.format = options.responseFormat;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs;
    this.maxRetries = options.maxRetries;
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL ?? DEFAULT_BASE_URL,
      timeout: options.timeoutMs,
      // Retries are ours (below), so that the deadline covers them and their waits.
      maxRetries: 0,
      organization: null,
      project: null,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /**
   * Sends one chat completion and returns the text of the answer. Throws LlmError. The endpoint's token
   * counts of every attempt are added to `usage` (when given), also when the call fails.
   */
  async completeJson(
    messages: ChatMessage[],
    schemaName: string,
    schema: Record<string, unknown>,
    signal?: AbortSignal,
    usage: LlmUsage = { input: 0, output: 0 },
  ): Promise<string> {
    let outcome: 'ok' | LlmFailure = 'ok';
    try {
      return await this.complete(messages, schemaName, schema, usage, signal);
    } catch (err) {
      outcome = classifyLlmError(err);
      throw err;
    } finally {
      try {
        this.onCall?.(outcome, usage, schemaName);
      } catch (err) {
        this.logger.warn({ err }, 'llm call could not be counted');
      }
    }
  }

  private async complete(
    messages: ChatMessage[],
    schemaName: string,
    schema: Record<string, unknown>,
    usage: LlmUsage,
    signal?: AbortSignal,
  ): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let format = this.format;
    let retries = 0;
    for (;;) {
      try {
        const answer = await this.request(messages, format, schemaName, schema, bounded, deadline, usage);
        // Only a format that worked is remembered: one odd 400 (e.g. a context-length error) must
        // not switch JSON output off for the rest of the process.
        if (format !== this.format) {
          this.logger.warn(
            { from: this.format, to: format },
            'llm endpoint does not support the configured response_format; using the one that worked',
          );
          this.format = format;
        }
        return answer;
      } catch (err) {
        const next = DOWNGRADE[format];
        const unsupported =
          err instanceof OpenAI.BadRequestError || err instanceof OpenAI.UnprocessableEntityError;
        if (unsupported && next) {
          this.logger.info(
            { from: format, to: next, status: err.status },
            'llm endpoint refused this request; retrying with a simpler response_format',
          );
          format = next;
          continue;
        }
        const failure = err instanceof LlmError ? err : new LlmError(classifyLlmError(err), { cause: err });
        if (bounded.aborted || retries >= this.maxRetries || !retryable(err)) throw failure;
        const asked =
          err instanceof OpenAI.APIError ? retryAfterMs(headersOf(err as { headers?: unknown })) : null;
        const waitMs = asked ?? backoffMs(retries);
        const leftMs = deadline - Date.now();
        if (waitMs + MIN_ATTEMPT_MS > leftMs) {
          this.logger.warn(
            { reason: failure.reason, waitMs: Math.round(waitMs), leftMs: Math.max(0, Math.round(leftMs)) },
            'llm call failed and a retry would not fit in the time left; giving up',
          );
          throw failure;
        }
        retries += 1;
        this.logger.info(
          { reason: failure.reason, waitMs: Math.round(waitMs), retry: retries },
          'llm call failed; retrying',
        );
        if (!(await sleep(waitMs, bounded))) throw new LlmError('timeout', { cause: err });
      }
    }
  }

  private async request(
    messages: ChatMessage[],
    format: Format,
    schemaName: string,
    schema: Record<string, unknown>,
    signal: AbortSignal,
    deadline: number,
    usage: LlmUsage,
  ): Promise<string> {
    const response_format =
      format === 'json_schema'
        ? { type: 'json_schema' as const, json_schema: { name: schemaName, strict: true, schema } }
        : format === 'json_object'
          ? { type: 'json_object' as const }
          : undefined;
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        messages,
        temperature: 0.2,
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- OpenAI-compatible servers (Ollama, vLLM, LM Studio) read max_tokens; OpenAI still accepts it for chat models.
        max_tokens: this.maxTokens,
        ...(response_format ? { response_format } : {}),
      },
      { signal, timeout: Math.max(1, deadline - Date.now()) },
    );
    usage.input += completion.usage?.prompt_tokens ?? 0;
    usage.output += completion.usage?.completion_tokens ?? 0;
    const choice = completion.choices[0];
    if (!choice) throw new LlmError('empty');
    if (choice.message.refusal) throw new LlmError('refused');
    if (choice.finish_reason === 'length') throw new LlmError('truncated');
    if (choice.finish_reason === 'content_filter') throw new LlmError('refused');
    const content = choice.message.content;
    if (!content?.trim()) throw new LlmError('empty');
    return content;
  }
}

/** Where the SDK sends requests when no base URL is set. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The endpoint's host (and port) only, for logs and status: never credentials, path or query. */
export function endpointHost(baseURL: string | undefined): string {
  try {
    return new URL(baseURL ?? DEFAULT_BASE_URL).host || 'unknown host';
  } catch {
    return 'unknown host';
  }
}

/** Exponential backoff with jitter when the server does not say how long to wait (0.5 s doubling, at most 8 s). */
function backoffMs(retry: number): number {
  return Math.min(500 * 2 ** retry, 8_000) * (1 - Math.random() * 0.25);
}

/** Waits `ms`; true when the wait ran out, false when `signal` aborted it first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(!signal.aborted);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The response headers an SDK error carries (typed loosely by the SDK). */
function headersOf(err: { headers?: unknown }): Headers | undefined {
  const headers = err.headers;
  return headers instanceof Headers ? headers : undefined;
}
