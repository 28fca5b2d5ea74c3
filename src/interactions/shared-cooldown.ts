import { cooldownRefusal, MemberCooldown, type CooldownOptions, type NewsCooldown } from './cooldown.js';

/** Where shared buckets live (RedisCounters): an atomic take, or null when the store cannot be reached. */
export interface SharedBuckets {
  take(
    memberId: string,
    shape: { capacity: number; refillMs: number },
    o: { cost: number; need: number; now: number },
  ): Promise<{ taken: boolean; turns: number } | null>;
}

/**
 * The /news cooldown shared by every process on one Redis: each member's bucket is taken from atomically
 * there (the same turns and costs as {@link MemberCooldown}), so a turn used in one process is gone in
 * all. When the store cannot be reached (bounded by its timeout), this process's own buckets stand in
 * until it answers again; turns taken meanwhile are not copied over (they refill within minutes anyway).
 */
export class SharedCooldown implements NewsCooldown {
  readonly #shared: SharedBuckets;
  readonly #local: MemberCooldown;
  readonly #shape: { capacity: number; refillMs: number };
  readonly #hitCost: number;
  readonly #now: () => number;

  constructor(shared: SharedBuckets, options: CooldownOptions) {
    this.#shared = shared;
    this.#local = new MemberCooldown(options);
    this.#shape = { capacity: options.capacity ?? 3, refillMs: options.refillMs };
    this.#hitCost = options.hitCost ?? 0.25;
    this.#now = options.now ?? Date.now;
  }

  async check(memberId: string): Promise<void> {
    if (this.#shape.refillMs <= 0) return;
    const need = this.#hitCost;
    const result = await this.#shared.take(memberId, this.#shape, { cost: need, need, now: this.#now() });
    if (!result) {
      this.#local.check(memberId);
      return;
    }
    if (!result.taken) throw cooldownRefusal(result.turns, need, this.#shape.refillMs);
  }

  async charge(memberId: string, wroteNew: boolean): Promise<void> {
    if (this.#shape.refillMs <= 0 || !wroteNew) return;
    const cost = 1 - this.#hitCost;
    const result = await this.#shared.take(memberId, this.#shape, {
      cost,
      need: -Infinity,
      now: this.#now(),
    });
    if (!result) this.#local.charge(memberId, wroteNew);
  }
}
