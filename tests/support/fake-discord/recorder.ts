import { requestMatches } from './router.js';
import type { RecordedRequest, RequestMatcher } from './types.js';

interface Waiter {
  matcher: RequestMatcher;
  resolve: (req: RecordedRequest) => void;
}

/** Keeps every REST request in arrival order and lets tests wait for answered ones. */
export class RequestRecorder {
  /** All requests, in the order they arrived. */
  readonly all: RecordedRequest[] = [];
  private waiters = new Set<Waiter>();

  /** Called when a request arrives. */
  add(req: RecordedRequest): void {
    this.all.push(req);
  }

  /** Called once the fake has answered `req`; wakes matching waiters. */
  answered(req: RecordedRequest): void {
    for (const w of [...this.waiters]) {
      if (requestMatches(w.matcher, req)) {
        this.waiters.delete(w);
        w.resolve(req);
      }
    }
  }

  /**
   * Resolves with the first answered request matching `matcher` (already recorded or still to come); rejects after
   * `timeoutMs` listing what did arrive, so a failing test says why.
   */
  waitFor(matcher: RequestMatcher, timeoutMs = 2000): Promise<RecordedRequest> {
    const done = this.all.find((r) => r.status !== 0 && requestMatches(matcher, r));
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matcher,
        resolve: (req) => {
          clearTimeout(timer);
          resolve(req);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.all.map((r) => `${r.method} ${r.path} -> ${r.status}`).join('\n  ');
        reject(
          new Error(
            `fake-discord: no request matching ${describe(matcher)} within ${timeoutMs} ms; saw:\n  ${seen}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Requests belonging to one interaction (its callback and its webhook calls), in arrival order. */
  forInteraction(interactionId: string): RecordedRequest[] {
    return this.all.filter((r) => r.interactionId === interactionId);
  }

  /** Drops pending waiters (on close). */
  clearWaiters(): void {
    this.waiters.clear();
  }
}

function describe(matcher: RequestMatcher): string {
  return typeof matcher === 'function' ? 'predicate' : String(matcher);
}
