import { ShardClientUtil, Status, type Client } from 'discord.js';
import type { Digests } from '../digest/create-digests.js';
import { BriefingPins } from '../interactions/briefing-pins.js';
import type { Dispatcher } from '../interactions/dispatcher.js';
import type { Logger } from '../logger.js';
import { DiscordChannelOps } from './discord-channel-ops.js';
import { discordDigestPoster, pinAfterPost } from './digest-poster.js';
import { createClient, login } from './discord-transport.js';
import { logReadyLine, type ReadySummary } from './ready-line.js';

/** The Discord side of a running bot, in two steps: built before the app, connected after it. */
export interface DiscordConnection {
  readonly client: Client;
  /** What the commands' context gets from Discord (pass the connection to createApp as `transport`). */
  readonly channels: DiscordChannelOps;
  readonly pins: BriefingPins;
  /**
   * Logs in and answers interactions through `app.dispatcher`; once the gateway cache is filled, starts
   * the digest scheduler for the servers this process holds (with sharding, only those), then logs the
   * start-up line (registered commands compared with the local ones by one REST read, at most 5 s).
   */
  connect(app: { dispatcher: Dispatcher; digests: Digests; summary?: ReadySummary }): Promise<void>;
  /** Stops the digest scheduler, then the client. */
  stop(): Promise<void>;
  /** True while logged in with every gateway shard connected (READY received): /readyz. */
  ready(): boolean;
}

/**
 * Builds the discord.js client (not logged in yet) with its channel operations and pin service, so that
 * the app's command context is built once, with them, before any interaction can arrive.
 */
export function createDiscordConnection(options: {
  token: string;
  apiUrl?: string;
  logger: Logger;
  /** PINS_KEEP: briefing pins of the bot kept per channel. */
  pinsKeep: number;
  /** DISCORD_GUILD_ID: where `npm run deploy` registers the commands, compared at start-up. */
  guildId?: string;
  /** In a shard process of the ShardingManager (SHARDS): this shard. */
  shard?: { id: number; count: number } | null;
}): DiscordConnection {
  const { token, logger } = options;
  const client = createClient({
    logger,
    shard: options.shard ?? null,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
  });
  const channels = new DiscordChannelOps(client);
  const pins = new BriefingPins(channels, { keep: options.pinsKeep, logger });
  let digests: Digests | null = null;
  return {
    client,
    channels,
    pins,
    async connect(app) {
      await login(client, { token, dispatcher: app.dispatcher, logger });
      digests = app.digests;
      digests.startScheduler({
        post: discordDigestPoster(channels, {
          guildAvailable: (id) => client.guilds.cache.get(id)?.available ?? false,
        }),
        afterPost: pinAfterPost(pins),
        // Sharding: a server's digests run on the shard that holds it, (guild_id >> 22) % shard count.
        ownsGuild: (id) =>
          client.guilds.cache.has(id) &&
          (!client.shard ||
            client.shard.ids.includes(ShardClientUtil.shardIdForGuildId(id, client.shard.count))),
      });
      // Observability: the one start-up line (who, where, commands deployed or not, LLM, cache).
      if (client.isReady())
        await logReadyLine(client, {
          logger,
          commands: app.dispatcher.commands,
          ...(options.guildId ? { guildId: options.guildId } : {}),
          ...(app.summary ? { summary: app.summary } : {}),
        });
    },
    async stop() {
      await digests?.stop();
      await client.destroy();
    },
    ready() {
      return client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready);
    },
  };
}
