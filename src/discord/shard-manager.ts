import { ShardingManager, type Shard } from 'discord.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';

/** Options of {@link runShardManager}. */
export interface ShardManagerOptions {
  /** The bot's entry script (the one running now: bin/newsdesk.js, the compiled build, in production). */
  entry: string;
  token: string;
  /** DISCORD_API_URL, when set (where `SHARDS=auto` asks for the recommended count). */
  apiUrl?: string;
  /** SHARDS: a number, or 'auto' (Discord's recommendation from `GET /gateway/bot`). */
  shards: number | 'auto';
  /** SHARD_SPAWN_DELAY: pause between two shards' starts (Discord allows one IDENTIFY per 5 s). */
  spawnDelayMs: number;
  /** HEALTH_PORT of shard 0 (shard N serves HEALTH_PORT + N), to check the range; null when off. */
  healthPort: number | null;
  /** SHUTDOWN_GRACE: how long the shards get to stop after the stop signal before they are killed. */
  graceMs: number;
  logger: Logger;
  /** Resolves with the signal's name when the manager is to stop. */
  stopSignal: Promise<string>;
}

/** How many shards Discord recommends for this bot (`GET /gateway/bot`, on DISCORD_API_URL when set). */
export async function recommendedShardCount(token: string, apiUrl?: string): Promise<number> {
  const base = (apiUrl ?? 'https://discord.com/api').replace(/\/+$/, '');
  const response = await fetch(`${base}/v10/gateway/bot`, {
    headers: { Authorization: `Bot ${token}` },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok)
    throw new Error(
      `Discord did not say how many shards to run (GET /gateway/bot answered ${response.status}); set SHARDS to a number`,
    );
  const { shards } = (await response.json()) as { shards?: unknown };
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1)
    throw new Error('Discord answered GET /gateway/bot without a shard count; set SHARDS to a number');
  return shards;
}

/** Resolves when the shard's process has exited, or after `ms` (then it is killed). */
async function stopShard(shard: Shard, ms: number): Promise<void> {
  const child = shard.process;
  if (child?.exitCode !== null || child.signalCode !== null) return;
  const state = { exited: false };
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      state.exited = true;
      resolve();
    }),
  );
  shard.kill(); // SIGTERM: the shard stops gracefully (SHUTDOWN_GRACE), without being respawned
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exit, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  if (!state.exited) child.kill('SIGKILL');
}

/**
 * `SHARDS=auto|N`: discord.js's ShardingManager runs one bot process per shard (this entry, `start`),
 * respawning a shard that dies; each shard serves its servers' interactions and digests and its own
 * health port (HEALTH_PORT + shard id), and they share the database folder (one of them polls feeds).
 * Stops them all on the stop signal. Returns the exit code.
 */
export async function runShardManager(o: ShardManagerOptions): Promise<number> {
  const { logger } = o;
  let count: number;
  try {
    count = o.shards === 'auto' ? await recommendedShardCount(o.token, o.apiUrl) : o.shards;
  } catch (err) {
    logger.error({ err: errorMessage(err) }, 'sharding: could not start');
    return 1;
  }
  if (o.healthPort !== null && o.healthPort + count - 1 > 65_535) {
    logger.error(
      { healthPort: o.healthPort, shards: count },
      `sharding: HEALTH_PORT + shard id must stay within 65535; lower HEALTH_PORT below ${65_536 - count}`,
    );
    return 1;
  }
  const manager = new ShardingManager(o.entry, {
    totalShards: count,
    token: o.token,
    shardArgs: ['start'],
    execArgv: process.execArgv,
    mode: 'process',
    respawn: true,
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    const health = o.healthPort === null ? null : o.healthPort + shard.id;
    logger.info({ shardId: shard.id, shards: count, healthPort: health }, 'sharding: shard starting');
    shard.on('ready', () => logger.info({ shardId: shard.id }, 'sharding: shard ready'));
    shard.on('death', (child) => {
      if (stopping) return;
      const code = 'exitCode' in child ? child.exitCode : null;
      logger.warn({ shardId: shard.id, exitCode: code }, 'sharding: shard exited; starting it again');
    });
  });
  logger.info({ shards: count, auto: o.shards === 'auto' }, `sharding: starting ${count} shard processes`);
  const spawning = manager
    .spawn({ amount: count, delay: o.spawnDelayMs, timeout: 120_000 })
    .then(() => 'spawned' as const);
  const first = await Promise.race([spawning.catch((err: unknown) => err), o.stopSignal]);
  let code = 0;
  if (first === 'spawned') {
    logger.info({ shards: count }, `sharding: ${count} shards running`);
    await o.stopSignal;
  } else if (typeof first !== 'string') {
    logger.error({ err: errorMessage(first) }, 'sharding: a shard did not start');
    code = 1;
  }
  stopping = true;
  manager.respawn = false;
  await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, o.graceMs + 1_000)));
  logger.info({ shards: manager.shards.size }, 'sharding: all shards stopped');
  return code;
}
