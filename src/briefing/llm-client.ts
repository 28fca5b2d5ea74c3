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

export interface LlmOptions extends LlmSettings {
  logger: Logger;
  /** For tests: a custom fetch. */
  fetch?: typeof fetch;
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

/**
 * A thin wrapper over the openai SDK for any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM,
 * LM Studio): explicit timeout and retries, JSON output by structured output where the endpoint
 * supports it, stepping down to JSON mode and then plain text once when it does not.
 */
export class LlmClient {
  readonly model: string;
  private readonly client: OpenAI;
  private format: Format;
  private readonly logger: Logger;

  constructor(options: LlmOptions) {
    this.model = options.model;
    this.format = options.responseFormat;
    this.logger = options.logger;
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL ?? 'https://api.openai.com/v1',
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      organization: null,
      project: null,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Sends one chat completion and returns the text of the answer. Throws LlmError. */
  async completeJson(
    messages: ChatMessage[],
    schemaName: string,
    schema: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<string> {
    let format = this.format;
    for (;;) {
      try {
        const answer = await this.request(messages, format, schemaName, schema, signal);
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
            { from: format, to: next, status: (err as InstanceType<typeof OpenAI.APIError>).status },
            'llm endpoint refused this request; retrying with a simpler response_format',
          );
          format = next;
          continue;
        }
        throw err instanceof LlmError ? err : new LlmError(classifyLlmError(err), { cause: err });
      }
    }
  }

  private async request(
    messages: ChatMessage[],
    format: Format,
    schemaName: string,
    schema: Record<string, unknown>,
    signal?: AbortSignal,
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
        ...(response_format ? { response_format } : {}),
      },
      signal ? { signal } : {},
    );
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
