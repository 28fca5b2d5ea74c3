import { createApp, type App } from '../app.js';
import { importSampleCorpusIfEmpty } from '../ingest/files/sample-corpus.js';
import type { Config } from '../config.js';
import { runConsole } from '../console/console-transport.js';
import { createDiscordConnection } from '../discord/connect.js';
import type { Logger } from '../logger.js';
import { findFeedsFile, readFeedsFile } from '../ingest/feeds-file.js';
import { startObservability } from './observability.js';

function banner(app: App, imported: number): string {
  const llm = app.config.llm
    ? `briefings written by ${app.config.llm.model}`
    : 'extractive briefings (no language model configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for Ollama/vLLM/LM Studio)';
  return [
    `newsdesk console — ${app.store.count()} articles stored${imported ? ` (${imported} sample articles imported on this first start)` : ''}; ${llm}; cache ${app.cache.label}.`,
    'Type slash commands as in Discord, e.g. /news topic:iraq hours:48 length:short   (/help lists them, /exit quits)',
    'To answer on Discord instead: put DISCORD_TOKEN in .env, run `npm run deploy` once, then `npm start` (README: "Connect to Discord").',
    '',
  ].join('\n');
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

/** `newsdesk start` / `newsdesk console`: Discord when a token is set (unless forced), else the console. */
export async function runStartCommand(
  config: Config,
  logger: Logger,
  options: { forceConsole: boolean },
): Promise<number> {
  // Discord's parts (channel operations, pins) are built first, so the commands' context is built once, with them.
  const discord =
    config.discord.token && !options.forceConsole
      ? createDiscordConnection({
          token: config.discord.token,
          logger,
          pinsKeep: config.pinsKeep,
          ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
          ...(config.discord.guildId ? { guildId: config.discord.guildId } : {}),
        })
      : null;
  const app = await createApp(config, logger, discord ? { transport: discord } : {}).catch(
    async (err: unknown) => {
      await discord?.stop();
      throw err;
    },
  );
  // HEALTH_PORT: /healthz, /readyz (503 until Discord is ready) and /metrics; null when not set.
  let health: Awaited<ReturnType<typeof startObservability>> = null;
  try {
    health = await startObservability(app, discord);
    const { added } = importSampleCorpusIfEmpty(app.store, logger);
    const feedsFile = findFeedsFile(config.ingest.feedsFile, config.dataDir);
    const feeds = feedsFile ? readFeedsFile(feedsFile, 300_000) : [];
    const synced = app.ingest.syncOperatorFeeds(feeds);
    if (feedsFile || synced.removed)
      logger.info({ feedsFile, feeds: feeds.length, ...synced }, 'operator feeds loaded');
    app.poller.start();
    if (discord) {
      await discord.connect(app);
      const signal = await untilSignal();
      logger.info({ signal }, 'shutting down');
      health?.setShuttingDown();
      await discord.stop();
      return 0;
    }
    process.stderr.write(banner(app, added));
    await runConsole({
      dispatcher: app.dispatcher,
      input: process.stdin,
      output: process.stdout,
      info: process.stderr,
      interactive: process.stdin.isTTY,
    });
    return 0;
  } finally {
    await health?.close();
    await app.close();
  }
}
