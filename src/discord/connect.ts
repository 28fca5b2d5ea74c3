import type { Client } from 'discord.js';
import type { App } from '../app.js';
import { discordDigestPoster, pinAfterPost } from './digest-poster.js';
import { BriefingPins } from '../interactions/briefing-pins.js';
import { DiscordChannelOps } from './discord-channel-ops.js';
import { startDiscord } from './discord-transport.js';

/**
 * Connects the app to Discord: the client with its channel operations and pin service attached to the
 * commands' context, and, once the gateway cache is filled, the digest scheduler for the servers this
 * process holds (with sharding, only those).
 */
export async function connectDiscord(
  app: App,
  token: string,
): Promise<{ client: Client; stop(): Promise<void> }> {
  const { config, logger } = app;
  let pins: BriefingPins | null = null;
  let ops: DiscordChannelOps | null = null;
  const discord = await startDiscord({
    token,
    apiUrl: config.discord.apiUrl,
    dispatcher: app.dispatcher,
    logger,
    onClient: (client) => {
      ops = new DiscordChannelOps(client);
      pins = new BriefingPins(ops, { keep: config.pinsKeep, logger });
      app.ctx.channels = ops;
      app.ctx.pins = pins;
    },
  });
  const client = discord.client;
  app.digests.startScheduler({
    post: discordDigestPoster(ops!, {
      guildAvailable: (id) => client.guilds.cache.get(id)?.available ?? false,
    }),
    afterPost: pinAfterPost(pins!),
    ownsGuild: (id) => client.guilds.cache.has(id),
  });
  return {
    client,
    async stop() {
      await app.digests.stop();
      await discord.stop();
    },
  };
}
