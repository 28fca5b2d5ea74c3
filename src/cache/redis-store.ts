import KeyvRedis from '@keyv/redis';

/** Options for {@link createRedisStore}. */
export interface RedisStoreOptions {
  namespace: string;
  /** TCP/TLS connect timeout per attempt, and the cap on a first connect, in ms. */
  connectTimeoutMs: number;
  /** Reconnect attempts after a drop before the client gives up (it reconnects again on next use). */
  maxReconnectAttempts: number;
  /** Longest pause between reconnect attempts, in ms (default 2000). */
  maxReconnectDelayMs?: number;
}

/**
 * A node-redis reconnect strategy: exponential backoff from 100 ms, capped at `maxDelayMs`, plus up to
 * 100 ms of jitter; after `maxAttempts` it returns an Error, so the client stops and closes instead of
 * retrying forever.
 */
export function boundedReconnect(
  maxAttempts: number,
  maxDelayMs = 2000,
): (retries: number, cause: Error) => number | Error {
  return (retries, cause) =>
    retries >= maxAttempts
      ? new Error(`gave up reconnecting to redis after ${retries} attempts`, { cause })
      : Math.min(100 * 2 ** retries, maxDelayMs) + Math.floor(Math.random() * 100);
}

/**
 * A @keyv/redis adapter that cannot hang or crash the process when Redis is down or goes down:
 * - `socket.connectTimeout`: each TCP/TLS connect attempt is abandoned after `connectTimeoutMs`;
 * - `connectionTimeout` (adapter): a first/lazy connect is raced against the same limit, then destroyed;
 * - `socket.reconnectStrategy`: bounded backoff, giving up after `maxReconnectAttempts`; the next command
 *   then reconnects lazily (the adapter's `getClient()` connects a closed client);
 * - `disableOfflineQueue`: while disconnected, commands fail at once instead of queueing until reconnect;
 * - `throwOnConnectError` / `throwOnErrors`: failures reject (and are also emitted as 'error'), so callers
 *   see them instead of a silent undefined.
 */
export function createRedisStore<T>(url: string, options: RedisStoreOptions): KeyvRedis<T> {
  return new KeyvRedis<T>(
    {
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: options.connectTimeoutMs,
        reconnectStrategy: boundedReconnect(options.maxReconnectAttempts, options.maxReconnectDelayMs),
      },
    },
    {
      namespace: options.namespace,
      throwOnConnectError: true,
      throwOnErrors: true,
      connectionTimeout: options.connectTimeoutMs,
    },
  );
}
