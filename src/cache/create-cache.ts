import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Keyv } from 'keyv';
import { errorMessage } from '../errors.js';
import { GuardedCache, type CacheLogger } from './guarded-cache.js';
import { redactUrl, secretScrubber, urlSecrets } from './redact-url.js';
import { createRedisStore } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';

/** Options for {@link createCache}. */
export interface CreateCacheOptions {
  /** `memory://`, `sqlite://` (the shared `db`), `sqlite://PATH`, `redis://...` or `rediss://...`. */
  url: string;
  /** Default time to live of entries in ms; 0 or absent: no expiry. */
  ttlMs?: number;
  /** The app's shared SQLite database, used by `sqlite://` and by a `sqlite://PATH` naming its file. */
  db?: Database.Database;
  logger: CacheLogger;
  /** Longest a cache get/set may keep a caller waiting, in ms (default 250). */
  opTimeoutMs?: number;
  /** Key namespace (default `newsdesk`). */
  namespace?: string;
  /** Redis: TCP/TLS connect timeout in ms (default 2000). */
  connectTimeoutMs?: number;
  /** Redis: reconnect attempts after a drop before the client rests until the next use (default 10). */
  maxReconnectAttempts?: number;
  /** While the store is down, one probe per this many ms (default 1000). */
  probeIntervalMs?: number;
}

/** What {@link createCache} builds. */
export interface CacheHandle<T> {
  /** `none`: the configured store could not be used (one warning was logged); nothing is cached. */
  kind: 'memory' | 'sqlite' | 'redis' | 'none';
  /** The URL with any password replaced by `***`. */
  label: string;
  /** The raw keyv (throws on store errors: `throwOnErrors`); prefer `cache`. */
  keyv: Keyv<T>;
  /** The never-throwing, time-bounded view the app should use. */
  cache: GuardedCache<T>;
  /** Settles once the store can be used: true when connected (always for memory/sqlite), false when not. */
  ready: Promise<boolean>;
  /** Disconnects Redis / closes a database the cache opened itself (never the shared one); bounded. */
  close(): Promise<void>;
}

const ACCEPTED =
  'memory://, sqlite:// (the shared database), sqlite://PATH, redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss://...';

/** Builds a keyv cache and its {@link GuardedCache} from a URL; throws a clear error for a bad URL. */
export function createCache<T>(options: CreateCacheOptions): CacheHandle<T> {
  const { url, logger } = options;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const label = redactUrl(url);
  const namespace = options.namespace ?? 'newsdesk';
  const ttl = options.ttlMs && options.ttlMs > 0 ? options.ttlMs : undefined;
  const opTimeoutMs = options.opTimeoutMs ?? 250;
  let kind: CacheHandle<T>['kind'];
  let keyv: Keyv<T>;
  let ready: () => Promise<boolean> = async () => true;
  let forceClose: () => Promise<void> = async () => undefined;
  switch (scheme) {
    case 'memory':
      kind = 'memory';
      keyv = new Keyv<T>({ namespace, ttl, throwOnErrors: true });
      break;
    case 'sqlite': {
      if (url === 'sqlite://' && !options.db)
        throw new Error('Cache URL sqlite:// (no path) needs the shared database, and none was given');
      let store: SqliteStore | null = null;
      try {
        store = sqliteStore(url.slice('sqlite://'.length), options.db);
      } catch (err) {
        // A cache is an optimisation: a file that is not a database, or a folder we cannot write, means
        // no cache (one warning), never a bot that refuses to start.
        logger.warn(
          { cache: label, err: errorMessage(err) },
          'cache store cannot be used; running without a cache (fix CACHE_URL to enable it)',
        );
      }
      kind = store ? 'sqlite' : 'none';
      keyv = store
        ? new Keyv<T>(store, { namespace, ttl, throwOnErrors: true })
        : new Keyv<T>(new NoStore(), { namespace, throwOnErrors: true });
      break;
    }
    case 'redis':
    case 'rediss': {
      kind = 'redis';
      if (!URL.canParse(url)) throw new Error(`Cache URL ${label} is not a valid URL; use ${ACCEPTED}`);
      const store = createRedisStore<T>(url, {
        namespace,
        connectTimeoutMs: options.connectTimeoutMs ?? 2000,
        maxReconnectAttempts: options.maxReconnectAttempts ?? 10,
      });
      // useKeyPrefix false: the adapter prefixes `namespace::` itself (as @keyv/redis's createKeyv does).
      keyv = new Keyv<T>(store, { namespace, ttl, useKeyPrefix: false, throwOnErrors: true });
      ready = () =>
        store.getClient().then(
          () => true,
          () => false,
        );
      forceClose = async () => {
        if (store.client.isOpen) await store.disconnect(true);
      };
      break;
    }
    default:
      throw new Error(
        scheme
          ? `Unsupported cache URL scheme "${scheme}://"; use ${ACCEPTED}`
          : `Cache URL has no scheme; use ${ACCEPTED}`,
      );
  }
  const cache = new GuardedCache<T>(keyv, {
    logger,
    opTimeoutMs,
    label,
    redact: secretScrubber(urlSecrets(url)),
    ...(options.probeIntervalMs === undefined ? {} : { probeIntervalMs: options.probeIntervalMs }),
  });
  logger.info({ cache: label, kind, ttlMs: ttl ?? null, opTimeoutMs }, 'cache configured');
  // Redis connects now, in the background; a failure shows up as the guarded cache's outage warning.
  return { kind, label, keyv, cache, ready: ready(), close: () => closeQuietly(keyv, forceClose) };
}

/** `sqlite://` or a path naming the shared database's file -> the shared db; another path -> its own file. */
function sqliteStore(location: string, shared: Database.Database | undefined): SqliteStore {
  const file = location === '' ? undefined : decodeURIComponent(location);
  if (file === undefined || (shared && sameFile(file, shared.name))) {
    if (!shared)
      throw new Error('Cache URL sqlite:// (no path) needs the shared database, and none was given');
    return new SqliteStore(shared);
  }
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const own = new Database(file);
  try {
    // Reading the header: a file that is not a SQLite database fails here, not on the first get().
    own.pragma('journal_mode = WAL');
    own.pragma('busy_timeout = 2000');
    return new SqliteStore(own, { ownsDatabase: true });
  } catch (err) {
    own.close();
    throw err;
  }
}

function sameFile(a: string, b: string): boolean {
  return a !== ':memory:' && path.resolve(a) === path.resolve(b);
}

/** A store that keeps nothing: what the cache becomes when its configured store cannot be opened. */
class NoStore extends Map<string, unknown> {
  override set(): this {
    return this;
  }
}

/** A graceful disconnect for up to a second (pending commands may finish), then a forced one. */
async function closeQuietly(keyv: Keyv<unknown>, force: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1000);
  });
  try {
    await Promise.race([keyv.disconnect().catch(() => undefined), deadline]);
    await force().catch(() => undefined);
  } finally {
    clearTimeout(timer);
  }
}
