import { createApp, type App } from '../app.js';
import { importSampleCorpusIfEmpty, storedSampleIds } from '../ingest/files/sample-corpus.js';
import type { Config } from '../config.js';
import { consoleDigestTransport, runDigestNow } from '../console/console-digests.js';
import { createConsoleParts, runConsole } from '../console/console-transport.js';
import { createDiscordConnection } from '../discord/connect.js';
import type { Logger } from '../logger.js';
import { findFeedsFile, readFeedsFile } from '../ingest/feeds-file.js';
import { gracefulStop, untilStopSignal } from './shutdown.js';
import { startObservability } from './observability.js';

function banner(app: App, imported: number): string {
  const llm = app.config.llm
    ? `briefings written by ${app.config.llm.model}`
    : 'extractive briefings (no language model configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for Ollama/vLLM/LM Studio)';
  return [
    `newsdesk console — ${app.store.count()} articles stored${imported ? ` (${imported} sample articles imported on this first start)` : ''}; ${llm}; cache ${app.cache.label}.`,
    'Type slash commands as in Discord, e.g. /news topic:iraq hours:48 length:short   (/help lists them, /exit quits)',
    'You are the admin of a pretend server with #general and #news: /briefing post channel:#news, /digest set channel:#news time:08:00 timezone:Berlin, /digest run daily and /feeds print what would be posted.',
    'To answer on Discord instead: put DISCORD_TOKEN in .env, run `npm run deploy` once, then `npm start` (README: "Connect to Discord").',
    '',
  ].join('\n');
}

/**
 * The bundled samples are the console's demo: a Discord bot never serves them, so a database that holds
 * them (the console was tried first on it, or an older version imported them) has them removed.
 */
function removeSamples(app: App): void {
  const ids = storedSampleIds(app.store);
  const removed = ids.length ? app.ingest.removeArticles(ids) : 0;
  app.store.forgetUnmarkedSamples();
  if (!removed) return;
  app.logger.info(
    { removed },
    `removed the ${removed} bundled sample articles from the database: they are the console's demo, and members get only real news (add feeds with /feeds add or FEEDS_FILE)`,
  );
}

/** `newsdesk start` / `newsdesk console`: Discord when a token is set (unless forced), else the console. */
export async function runStartCommand(
  config: Config,
  baseLogger: Logger,
  options: { forceConsole: boolean },
): Promise<number> {
  // A shard process (SHARDS set, started by the manager below): every log line says which shard.
  const logger = config.shard ? baseLogger.child({ shard: config.shard.id }) : baseLogger;
  const stopSignal = untilStopSignal({ graceMs: config.shutdownGraceMs, logger });
  if (config.sharding && config.discord.token && !options.forceConsole && !config.shard) {
    const { runShardManager } = await import('../discord/shard-manager.js');
    return runShardManager({
      entry: process.argv[1] ?? '',
      token: config.discord.token,
      ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
      shards: config.sharding.shards,
      spawnDelayMs: config.sharding.spawnDelayMs,
      healthPort: config.health?.port ?? null,
      graceMs: config.shutdownGraceMs,
      logger,
      stopSignal,
    });
  }
  // Discord's parts (channel operations, pins) are built first, so the commands' context is built once, with them.
  const discord =
    config.discord.token && !options.forceConsole
      ? createDiscordConnection({
          token: config.discord.token,
          logger,
          pinsKeep: config.pinsKeep,
          shard: config.shard,
          ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
          ...(config.discord.guildId ? { guildId: config.discord.guildId } : {}),
        })
      : null;
  // Without Discord: the console's pretend server (channels that print what would be posted, pins).
  const consoleParts = discord
    ? null
    : createConsoleParts({
        output: process.stdout,
        ansi: process.stdout.isTTY,
        pinsKeep: config.pinsKeep,
        logger,
      });
  // The console's operator does not take turns with /news (NEWS_COOLDOWN is for members of a server).
  const appConfig = discord ? config : { ...config, newsCooldownMs: 0 };
  const app = await createApp(appConfig, logger, { transport: discord ?? consoleParts! }).catch(
    async (err: unknown) => {
      await discord?.stop();
      throw err;
    },
  );
  // HEALTH_PORT: /healthz, /readyz (503 until Discord is ready and from the stop signal on) and /metrics.
  let health: Awaited<ReturnType<typeof startObservability>> = null;
  let stopped = false;
  try {
    health = await startObservability(app, discord);
    let added = 0;
    if (discord) removeSamples(app);
    else added = importSampleCorpusIfEmpty(app.store, logger).added;
    const feedsFile = findFeedsFile(config.ingest.feedsFile, config.dataDir);
    const feeds = feedsFile ? readFeedsFile(feedsFile, 300_000) : [];
    const synced = app.ingest.syncOperatorFeeds(feeds);
    if (feedsFile || synced.removed)
      logger.info({ feedsFile, feeds: feeds.length, ...synced }, 'operator feeds loaded');
    app.poller.start();
    if (discord) {
      // A stop signal while still logging in (Discord slow or unreachable) stops at once too.
      const connecting = discord.connect(app);
      connecting.catch(() => undefined);
      await Promise.race([connecting, stopSignal]);
    } else if (consoleParts) {
      process.stderr.write(banner(app, added));
      // The pretend server's digests run on schedule while the console is open; /digest run posts one now.
      const scheduler = app.digests.startScheduler(
        consoleDigestTransport(consoleParts.channels, consoleParts.pins),
      );
      const ended = new AbortController();
      void stopSignal.then(() => ended.abort());
      await runConsole({
        dispatcher: app.dispatcher,
        parts: consoleParts,
        runDigest: (ref, locale) => runDigestNow(app.digests.service, scheduler, ref, locale),
        input: process.stdin,
        info: process.stderr,
        interactive: process.stdin.isTTY,
        signal: ended.signal,
      });
      if (!ended.signal.aborted) return 0;
    }
    const signal = await stopSignal;
    const report = await gracefulStop(
      {
        app,
        ...(discord ? { stopTransport: () => discord.stop() } : {}),
        ...(health ? { onDraining: () => health?.setShuttingDown() } : {}),
      },
      { graceMs: config.shutdownGraceMs },
    );
    stopped = true;
    logger[report.abandoned ? 'warn' : 'info'](
      { signal, ...report },
      `stopped on ${signal} in ${(report.ms / 1000).toFixed(1)} s: ${report.inFlight} answer(s) in flight${report.cutShort ? ', LLM cut short at the end of SHUTDOWN_GRACE (extractive briefings sent)' : ''}${report.abandoned ? `, ${report.abandoned} left unanswered` : ''}`,
    );
    return 0;
  } finally {
    await health?.close();
    if (!stopped) await app.close();
  }
}
