/**
 * Collapses concurrent calls for the same key into one: while a call for `key` is in flight, later
 * callers get the same promise (same result or same rejection) instead of running `fn` again. The key
 * is released as soon as the call settles, so a later call runs `fn` afresh (no result caching).
 */
export class SingleFlight<K, V> {
  private readonly flights = new Map<K, Promise<V>>();

  /** Runs `fn` for `key` unless a call for `key` is already in flight, whose promise is then shared. */
  run(key: K, fn: () => Promise<V> | V): Promise<V> {
    const current = this.flights.get(key);
    if (current) return current;
    // An async wrapper turns a synchronous throw of fn() into a rejection.
    const flight = (async () => fn())();
    this.flights.set(key, flight);
    const release = (): void => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    // then(release, release), not finally(): a derived promise that rejects would go unhandled.
    flight.then(release, release);
    return flight;
  }

  /** Whether a call for `key` is in flight. */
  has(key: K): boolean {
    return this.flights.has(key);
  }

  /** Number of keys in flight. */
  get size(): number {
    return this.flights.size;
  }
}
