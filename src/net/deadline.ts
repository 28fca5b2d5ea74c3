import { FetchError } from './fetch-error.js';

/**
 * One time limit for a whole operation (DNS, every redirect hop, the body), plus the caller's own cancel signal.
 * `signal` aborts when either fires; `error()` says which, as a `FetchError`.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onOuterAbort: () => void;
  private why: FetchError | null = null;

  constructor(
    ms: number,
    private readonly outer?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(
      () => this.abort(new FetchError('timeout', { detail: `no complete answer within ${ms} ms` })),
      ms,
    );
    this.onOuterAbort = () =>
      this.abort(new FetchError('aborted', { detail: 'cancelled by the caller', cause: outer?.reason }));
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  private abort(why: FetchError): void {
    if (this.why) return;
    this.why = why;
    this.controller.abort(why);
  }

  /** Why the signal fired (or a generic timeout if it has not). */
  error(): FetchError {
    return this.why ?? new FetchError('timeout');
  }

  /** Settles with `promise`, or rejects with `error()` as soon as the deadline passes. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.error());
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.error());
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise
        .finally(() => {
          this.signal.removeEventListener('abort', onAbort);
        })
        .then(resolve, reject);
    });
  }

  /** Stops the timer and detaches from the caller's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}
