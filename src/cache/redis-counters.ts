import type KeyvRedis from '@keyv/redis';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';

/** One charge of tokens to a day's counter, named so that applying it twice counts it once. */
export interface TokenCharge {
  /** Unique for every charge (a process token and a sequence number): the key of "applied once". */
  id: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** null: the bot's total; else the server (guild) id. */
  guildId: string | null;
  tokens: number;
}

/** A member's turns after a {@link RedisCounters.take}: whether it was taken, and the turns left (or had). */
export interface TakeResult {
  taken: boolean;
  turns: number;
}

/** The token bucket a member's turns are kept in. */
export interface BucketShape {
  capacity: number;
  refillMs: number;
}

/**
 * Token bucket, atomically: refills the member's turns up to `capacity` for the time since the last take,
 * refuses when fewer than `need` are left (nothing changes), else takes `cost` and keeps the bucket until
 * it would be full again (PEXPIRE: a full bucket is the same as none). Turns are returned as strings,
 * since Redis truncates Lua numbers to integers.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local need = tonumber(ARGV[5])
local b = redis.call('HMGET', KEYS[1], 't', 'at')
local turns = cap
if b[1] then turns = math.min(cap, tonumber(b[1]) + math.max(0, now - tonumber(b[2])) / refill) end
if turns < need then return {0, tostring(turns)} end
turns = turns - cost
redis.call('HSET', KEYS[1], 't', tostring(turns), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - turns) * refill) + 1000)
return {1, tostring(turns)}`;

/**
 * Applies charges exactly once: KEYS come in pairs (the day's counter, the day's set of applied charge
 * ids); a charge whose id is already in the set is skipped, so a batch re-sent after a lost reply (or by
 * two processes flushing the same pending rows) is never counted twice. Counters and sets expire after
 * two days, when their day's budget no longer matters.
 */
const APPLY = `
local ttl = tonumber(ARGV[1])
local applied = 0
for i = 1, #KEYS / 2 do
  local counter = KEYS[2 * i - 1]
  local seen = KEYS[2 * i]
  if redis.call('SADD', seen, ARGV[2 * i]) == 1 then
    redis.call('INCRBY', counter, ARGV[2 * i + 1])
    applied = applied + 1
  end
  redis.call('EXPIRE', counter, ttl)
  redis.call('EXPIRE', seen, ttl)
end
return applied`;

const DAY_TTL_SECONDS = 2 * 86_400;

/** Raw commands of a node-redis client (v4 and v5 accept this form), and its readiness. */
interface CommandClient {
  sendCommand(args: string[]): Promise<unknown>;
  readonly isReady: boolean;
  once(event: 'ready', listener: () => void): unknown;
}

const FAILED = Symbol('failed');

/** Options for {@link RedisCounters}. */
export interface RedisCountersOptions {
  /** Longest an operation may keep a caller waiting (the config's CACHE_TIMEOUT). */
  timeoutMs: number;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Key prefix (default `newsdesk:`); tests use their own. */
  prefix?: string;
  /** While Redis is down, one attempt per this many ms; the others answer "unavailable" at once (1000). */
  retryMs?: number;
}

/**
 * The /news cooldown buckets and the daily token counters in Redis, shared by every process on it. Each
 * operation is bounded by `timeoutMs` and never throws: it answers null (or false) when Redis cannot be
 * reached, and the caller uses its local counters. An outage is logged once, and its end once; while
 * down, one operation in `retryMs` tries Redis again, so the counters recover by themselves.
 */
export class RedisCounters {
  readonly #store: KeyvRedis<unknown>;
  readonly #o: RedisCountersOptions;
  readonly #prefix: string;
  #down = false;
  #lastTry = 0;
  #ready: Promise<CommandClient> | null = null;

  constructor(store: KeyvRedis<unknown>, options: RedisCountersOptions) {
    this.#store = store;
    this.#o = options;
    this.#prefix = options.prefix ?? 'newsdesk:';
  }

  /** Whether the last operation failed to reach Redis. */
  get down(): boolean {
    return this.#down;
  }

  /** Takes `cost` turns from a member's bucket if at least `need` are left; null when Redis is unavailable. */
  async take(
    memberId: string,
    shape: BucketShape,
    o: { cost: number; need: number; now: number },
  ): Promise<TakeResult | null> {
    // "Always" is a very negative need (Lua's tonumber does not read -Infinity everywhere).
    const need = String(Math.max(o.need, -1e12));
    const args = [String(o.now), String(shape.refillMs), String(shape.capacity), String(o.cost), need];
    const result = await this.#run((c) =>
      c.sendCommand(['EVAL', TAKE, '1', `${this.#prefix}cooldown:${memberId}`, ...args]),
    );
    if (result === FAILED || !Array.isArray(result)) return null;
    return { taken: Number(result[0]) === 1, turns: Number(result[1]) };
  }

  /** Applies charges, each exactly once however often it is sent; true when Redis took the batch. */
  async apply(charges: readonly TokenCharge[]): Promise<boolean> {
    if (!charges.length) return true;
    const keys: string[] = [];
    const args: string[] = [String(DAY_TTL_SECONDS)];
    for (const c of charges) {
      keys.push(this.#counterKey(c.day, c.guildId), `${this.#prefix}budget:${c.day}:charged`);
      args.push(c.id, String(Math.max(0, Math.round(c.tokens))));
    }
    const result = await this.#run((c) =>
      c.sendCommand(['EVAL', APPLY, String(keys.length), ...keys, ...args]),
    );
    return result !== FAILED;
  }

  /** Tokens charged on `day` to the bot and to a server (0 without one); null when Redis is unavailable. */
  async tokens(
    day: string,
    guildId: string | null | undefined,
  ): Promise<{ bot: number; server: number } | null> {
    const keys = [this.#counterKey(day, null), ...(guildId ? [this.#counterKey(day, guildId)] : [])];
    const result = await this.#run((c) => c.sendCommand(['MGET', ...keys]));
    if (result === FAILED || !Array.isArray(result)) return null;
    return { bot: Number(result[0] ?? 0), server: guildId ? Number(result[1] ?? 0) : 0 };
  }

  #counterKey(day: string, guildId: string | null): string {
    return `${this.#prefix}budget:${day}:${guildId ? `guild:${guildId}` : 'bot'}`;
  }

  /** The client once connected (it refuses commands while connecting): one listener, shared by all waiting. */
  #whenReady(client: CommandClient): Promise<CommandClient> {
    if (client.isReady) return Promise.resolve(client);
    this.#ready ??= new Promise<CommandClient>((resolve) =>
      client.once('ready', () => {
        this.#ready = null;
        resolve(client);
      }),
    );
    return this.#ready;
  }

  async #run<T>(op: (client: CommandClient) => Promise<T>): Promise<T | typeof FAILED> {
    const retryMs = this.#o.retryMs ?? 1000;
    if (this.#down && Date.now() - this.#lastTry < retryMs) return FAILED;
    this.#lastTry = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    try {
      // The connect is inside the bound too: a Redis that is down must not hold a request up.
      const result = await Promise.race([
        this.#store
          .getClient()
          .then((client) => this.#whenReady(client as unknown as CommandClient))
          .then((c) => {
            if (abandoned) throw new Error('redis counters: gave up waiting');
            return op(c);
          }),
        new Promise<typeof FAILED>(
          (resolve) => (timer = setTimeout(() => resolve(FAILED), this.#o.timeoutMs)),
        ),
      ]);
      if (result === FAILED) throw new Error(`redis counters: no answer within ${this.#o.timeoutMs} ms`);
      if (this.#down)
        this.#o.logger.info({}, 'redis counters: redis answers again; cooldowns and budgets shared');
      this.#down = false;
      return result;
    } catch (err) {
      if (!this.#down)
        this.#o.logger.warn(
          { err: errorMessage(err) },
          'redis counters: redis unavailable; cooldowns and budgets counted locally until it recovers',
        );
      this.#down = true;
      return FAILED;
    } finally {
      abandoned = true;
      clearTimeout(timer);
    }
  }
}
