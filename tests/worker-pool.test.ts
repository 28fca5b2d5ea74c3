import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, WorkerTaskError } from '../src/worker-pool.js';
import type { TestTask } from './support/test-worker.js';

const entry = new URL('./support/test-worker.js', import.meta.url);
const pools: WorkerPool<TestTask, string>[] = [];
function pool(options: { size?: number; timeoutMs?: number; maxQueue?: number } = {}) {
  const p = new WorkerPool<TestTask, string>({ entry, name: 'test work', timeoutMs: 10_000, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

const reasonOf = (err: Error) =>
  err instanceof WorkerTaskError ? err.reason : `not a WorkerTaskError: ${err.name}`;

describe('WorkerPool', () => {
  it('runs tasks on worker threads and returns their values', async () => {
    const p = pool();
    expect(await Promise.all(['a', 'b', 'c'].map((value) => p.run({ op: 'echo', value })))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('ends a task past its time limit, and the next task runs on a fresh worker', async () => {
    const p = pool({ size: 1, timeoutMs: 1_500 });
    const err = await failure(p.run({ op: 'spin', ms: 60_000 }));
    expect(err).toBeInstanceOf(WorkerTaskError);
    expect(reasonOf(err)).toBe('timeout');
    expect(err.message).toBe('test work took longer than 1500 ms');
    expect(await p.run({ op: 'echo', value: 'after' })).toBe('after');
  });

  it('keeps the event loop free while a worker spins', async () => {
    const p = pool({ size: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await p.run({ op: 'spin', ms: 600 });
    clearInterval(timer);
    // The main thread kept running its timers while the worker was busy (a blocked loop gives 0 or 1).
    expect(ticks).toBeGreaterThan(5);
  });

  it("passes the worker's error on with its name, message and fields", async () => {
    const err = await failure(pool().run({ op: 'throw', reason: 'too deep' }));
    expect(err.name).toBe('ReasonedError');
    expect(err.message).toBe('failed because too deep');
    expect((err as Error & { reason: string }).reason).toBe('too deep');
  });

  it('survives a worker that exits, and answers the next task', async () => {
    const p = pool({ size: 1 });
    const err = await failure(p.run({ op: 'exit' }));
    expect(reasonOf(err)).toBe('crashed');
    expect(await p.run({ op: 'echo', value: 'still here' })).toBe('still here');
  });

  it('refuses work beyond its queue, and rejects what is queued when closed', async () => {
    const p = pool({ size: 1, maxQueue: 1 });
    const running = p.run({ op: 'spin', ms: 300 });
    const queued = p.run({ op: 'echo', value: 'queued' });
    const refused = await failure(p.run({ op: 'echo', value: 'one too many' }));
    expect(reasonOf(refused)).toBe('busy');
    expect(await running).toBe('spun');
    expect(await queued).toBe('queued');
    const late = failure(p.run({ op: 'spin', ms: 5_000 }));
    const waiting = failure(p.run({ op: 'echo', value: 'never' }));
    await p.close();
    expect(reasonOf(await late)).toBe('closed');
    expect(reasonOf(await waiting)).toBe('closed');
  });
});
