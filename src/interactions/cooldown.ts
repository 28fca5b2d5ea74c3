import { UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';

/**
 * The per-member cooldown of /news as commands see it: `check` before the command runs (refuses, or
 * takes the cheapest turn), `charge` once the answer is known (the rest of a turn the LLM wrote).
 * {@link MemberCooldown} in this process's memory; a shared one in Redis with several processes.
 */
export interface NewsCooldown {
  check(memberId: string): void | Promise<void>;
  charge(memberId: string, wroteNew: boolean): void | Promise<void>;
}

/** The private refusal of a member with `turns` left, when a turn is `needed`. */
export function cooldownRefusal(turns: number, needed: number, refillMs: number): UserFacingError {
  const seconds = Math.max(1, Math.ceil(((needed - turns) * refillMs) / 1000));
  return new UserFacingError(msg('cooldown.wait', { count: seconds }));
}

/** Options for {@link MemberCooldown}. */
export interface CooldownOptions {
  /** NEWS_COOLDOWN: how long one turn takes to come back (0: no cooldown). */
  refillMs: number;
  /** Turns a member can save up (default 3): a few questions in a row are never refused. */
  capacity?: number;
  /** What an answer from the cache (or an extractive one, which costs no tokens) takes (default a quarter turn). */
  hitCost?: number;
  now?: () => number;
}

interface Bucket {
  turns: number;
  at: number;
}

/** Members tracked at most; full buckets are forgotten first (a full bucket is the same as no bucket). */
const MAX_TRACKED = 50_000;

/**
 * The per-member cooldown of /news: each member has a few turns saved up, and one comes back every
 * `refillMs`. A briefing the LLM writes for the member takes a whole turn; one served from the cache, or
 * extractive, a quarter, since it costs no tokens. The quarter is taken by `check`, before the command
 * runs, so that requests sent at once cannot all pass on the same turns; `charge` takes the rest of a
 * whole turn when the LLM wrote the answer. A member without a turn left is told privately when the next
 * one comes, and nothing runs. One process's memory: with several processes on Redis, see SharedCooldown.
 */
export class MemberCooldown implements NewsCooldown {
  readonly #buckets = new Map<string, Bucket>();
  readonly #refillMs: number;
  readonly #capacity: number;
  readonly #hitCost: number;
  readonly #now: () => number;

  constructor(options: CooldownOptions) {
    this.#refillMs = options.refillMs;
    this.#capacity = options.capacity ?? 3;
    this.#hitCost = options.hitCost ?? 0.25;
    this.#now = options.now ?? Date.now;
  }

  /** Turns the member has now. */
  turns(memberId: string): number {
    const bucket = this.#buckets.get(memberId);
    if (!bucket || this.#refillMs <= 0) return this.#capacity;
    const earned = (this.#now() - bucket.at) / this.#refillMs;
    return Math.min(this.#capacity, bucket.turns + earned);
  }

  /**
   * Refuses (UserFacingError, shown privately) when the member has less than a cache hit's turn left;
   * else takes that much now.
   */
  check(memberId: string): void {
    if (this.#refillMs <= 0) return;
    const turns = this.turns(memberId);
    if (turns < this.#hitCost) throw cooldownRefusal(turns, this.#hitCost, this.#refillMs);
    this.#take(memberId, this.#hitCost);
  }

  /** Takes the rest of a whole turn when the LLM wrote the answer for this member (check took the rest). */
  charge(memberId: string, wroteNew: boolean): void {
    if (this.#refillMs <= 0 || !wroteNew) return;
    this.#take(memberId, 1 - this.#hitCost);
  }

  #take(memberId: string, cost: number): void {
    const turns = this.turns(memberId) - cost;
    if (this.#buckets.size >= MAX_TRACKED) this.#forgetFull();
    this.#buckets.set(memberId, { turns, at: this.#now() });
  }

  #forgetFull(): void {
    for (const id of this.#buckets.keys()) if (this.turns(id) >= this.#capacity) this.#buckets.delete(id);
    // Still too many (a flood of distinct members): forget the oldest, which are the fullest.
    for (const id of this.#buckets.keys()) {
      if (this.#buckets.size < MAX_TRACKED) break;
      this.#buckets.delete(id);
    }
  }
}
