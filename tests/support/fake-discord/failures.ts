import { requestMatches } from './router.js';
import type { InjectedError, RecordedRequest, RequestMatcher } from './types.js';

interface FailureRule {
  matcher: RequestMatcher;
  error: InjectedError;
  remaining: number;
}

interface DelayRule {
  matcher: RequestMatcher;
  ms: number;
}

/** Options of a simulated 429. Durations are in seconds, as Discord sends them. */
export interface RateLimitOptions {
  retryAfter?: number;
  global?: boolean;
  scope?: 'user' | 'global' | 'shared';
  times?: number;
}

/** Failures and delays a test asked for, matched against each incoming request. */
export class FailurePlan {
  private failures: FailureRule[] = [];
  private delays: DelayRule[] = [];

  /** Answers the next `times` matching requests with `error` instead of handling them. */
  failNext(matcher: RequestMatcher, error: InjectedError, times = 1): void {
    this.failures.push({ matcher, error, remaining: times });
  }

  /** Answers the next matching request(s) with a 429 carrying Discord's rate-limit headers and body. */
  rateLimitNext(matcher: RequestMatcher, opts: RateLimitOptions = {}): void {
    const retryAfter = opts.retryAfter ?? 0.05;
    const scope = opts.scope ?? (opts.global ? 'global' : 'user');
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
      'x-ratelimit-reset-after': String(retryAfter),
      'x-ratelimit-bucket': 'fakebucket0000000000000000000000',
      'x-ratelimit-scope': scope,
    };
    if (opts.global) headers['x-ratelimit-global'] = 'true';
    const body = {
      message: 'You are being rate limited.',
      retry_after: retryAfter,
      global: opts.global ?? false,
      code: 0,
    };
    this.failNext(matcher, { status: 429, headers, body }, opts.times ?? 1);
  }

  /** Delays every matching request by `ms` until the returned function is called. */
  delay(matcher: RequestMatcher, ms: number): () => void {
    const rule = { matcher, ms };
    this.delays.push(rule);
    return () => {
      this.delays = this.delays.filter((r) => r !== rule);
    };
  }

  /** Total delay for a request. */
  delayFor(req: RecordedRequest): number {
    return this.delays.filter((d) => requestMatches(d.matcher, req)).reduce((sum, d) => sum + d.ms, 0);
  }

  /** Consumes and returns the failure planned for this request, if any. */
  take(req: RecordedRequest): InjectedError | null {
    const rule = this.failures.find((f) => f.remaining > 0 && requestMatches(f.matcher, req));
    if (!rule) return null;
    rule.remaining -= 1;
    this.failures = this.failures.filter((f) => f.remaining > 0);
    return rule.error;
  }

  /** Forgets every planned failure and delay. */
  clear(): void {
    this.failures = [];
    this.delays = [];
  }
}
