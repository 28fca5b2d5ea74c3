/** Timers, injectable so that tests advance a fake clock instead of waiting (the digest scheduler, the feed poller). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd so a pending digest or poll never keeps a finished process alive. */
export const systemTimers: Timers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2_147_483_647)));
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Thrown by {@link withTimeout} when the work took too long. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Resolves or rejects like `work`, or rejects with a TimeoutError after `ms` (the work itself goes on). */
export function withTimeout<T>(work: Promise<T>, ms: number, timers: Timers, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setTimeout(
      () => reject(new TimeoutError(`${what} took longer than ${Math.round(ms / 1000)} s`)),
      ms,
    );
    work
      .finally(() => {
        timers.clearTimeout(handle);
      })
      .then(resolve, reject);
  });
}
