import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../src/cache/single-flight.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs the function once for 100 concurrent callers of one key, all sharing the result', async () => {
    const flights = new SingleFlight<string, { answer: number }>();
    const gate = deferred<{ answer: number }>();
    let calls = 0;
    const callers = Array.from({ length: 100 }, () =>
      flights.run('k', () => {
        calls++;
        return gate.promise;
      }),
    );
    expect(flights.has('k')).toBe(true);
    gate.resolve({ answer: 42 });
    const results = await Promise.all(callers);
    expect(calls).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toEqual({ answer: 42 });
    expect(flights.size).toBe(0);
  });

  it('gives 100 concurrent callers the same rejection, then lets a later call run again', async () => {
    const flights = new SingleFlight<string, number>();
    const failure = new Error('llm down');
    let calls = 0;
    const callers = Array.from({ length: 100 }, () =>
      flights.run('k', async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw failure;
      }),
    );
    const settled = await Promise.allSettled(callers);
    expect(calls).toBe(1);
    expect(settled.every((s) => s.status === 'rejected' && s.reason === failure)).toBe(true);
    expect(flights.has('k')).toBe(false);
    await expect(flights.run('k', async () => 7)).resolves.toBe(7);
    expect(calls).toBe(1);
  });

  it('runs different keys independently', async () => {
    const flights = new SingleFlight<number, number>();
    const seen: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        flights.run(i % 10, async () => {
          seen.push(i % 10);
          return (i % 10) * 2;
        }),
      ),
    );
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.slice(0, 10)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('releases the key once settled, so the next call runs the function again', async () => {
    const flights = new SingleFlight<string, number>();
    let calls = 0;
    expect(await flights.run('k', async () => ++calls)).toBe(1);
    expect(await flights.run('k', async () => ++calls)).toBe(2);
  });

  it('turns a synchronous throw into a shared rejection and releases the key', async () => {
    const flights = new SingleFlight<string, number>();
    const a = flights.run('k', () => {
      throw new Error('sync');
    });
    const b = flights.run('k', async () => 1);
    await expect(a).rejects.toThrow('sync');
    await expect(b).rejects.toThrow('sync');
    expect(flights.size).toBe(0);
  });
});
