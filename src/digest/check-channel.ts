import type { ChannelOps } from '../interactions/channel-ops.js';
import {
  PIN_PERMISSIONS,
  POST_PERMISSIONS,
  listNames,
  missingPermissions,
} from '../interactions/permissions.js';
import { UserFacingError } from '../errors.js';

/** Refuses members without Manage Server (server admins may have changed the command's default). */

/**
 * Checks, from the gateway cache, that a digest can be posted (and pinned) in a channel: it exists,
 * takes messages, and the bot has what it needs. Skipped where there are no channel operations.
 */
export function checkDigestChannel(
  channels: ChannelOps | null,
  guildId: string,
  channelId: string,
  pin: boolean,
): void {
  if (!channels) return;
  const channel = channels.channel(channelId);
  if (channel?.guildId !== guildId)
    throw new UserFacingError(`I can't find <#${channelId}>: it may have been deleted, or I can't see it.`);
  if (!channel.textBased)
    throw new UserFacingError(
      `<#${channelId}> is not a text channel; pick one where messages can be posted.`,
    );
  const missing = missingPermissions(
    channels.permissions(channelId, 'bot') ?? 0n,
    POST_PERMISSIONS | (pin ? PIN_PERMISSIONS : 0n),
  );
  if (missing.length) {
    throw new UserFacingError(
      `I'm missing ${listNames(missing)} in <#${channelId}>. Ask an admin to give my role ${missing.length > 1 ? 'these permissions' : 'this permission'} there, then try again.`,
    );
  }
}
