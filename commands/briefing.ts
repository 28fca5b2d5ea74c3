import { SlashCommandBuilder } from '@discordjs/builders';
import { ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { UserFacingError } from '../src/errors.js';
import {
  briefingRequest,
  hoursOption,
  lengthOption,
  topicOption,
} from '../src/interactions/briefing-request.js';
import type { Command, Invocation } from '../src/interactions/command.js';
import {
  channelAction,
  pinSentence,
  requirePinPermission,
  requirePins,
} from '../src/interactions/moderation.js';
import { countText } from '../src/interactions/plural.js';

const TEXT_CHANNELS = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

const data = new SlashCommandBuilder()
  .setName('briefing')
  .setDescription('Post or unpin news briefings in a channel (moderators)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages)
  .addSubcommand((s) =>
    s
      .setName('post')
      .setDescription('Post a public briefing, optionally pinned')
      .addStringOption(topicOption('A word or phrase to search for'))
      .addIntegerOption(hoursOption)
      .addStringOption(lengthOption('How long (default standard)'))
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to post (default: here)')
          .addChannelTypes(...TEXT_CHANNELS),
      )
      .addBooleanOption((o) =>
        o.setName('pin').setDescription('Pin it (older briefing pins of the bot are unpinned)'),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('unpin')
      .setDescription("Remove the bot's briefing pins from a channel")
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Which channel (default: here)')
          .addChannelTypes(...TEXT_CHANNELS),
      ),
  );

function target(invocation: Invocation): string {
  const channelId = invocation.options.getId('channel') ?? invocation.channelId;
  if (!channelId || !invocation.guildId) throw new UserFacingError('/briefing used outside a server channel');
  return channelId;
}

export default {
  data,
  defer: 'ephemeral',
  check(invocation, ctx) {
    const pins = requirePins(ctx);
    const unpin = invocation.options.subcommand === 'unpin';
    const action = unpin ? 'unpin briefings' : 'post briefings';
    requirePinPermission(invocation.memberPermissions, action);
    pins.checkPermissions({
      channelId: target(invocation),
      memberId: invocation.userId,
      memberPermissions: invocation.memberPermissions,
      interactionChannelId: invocation.channelId,
      appPermissions: invocation.appPermissions,
      pin: unpin || (invocation.options.getBoolean('pin') ?? false),
      action,
    });
  },
  async execute(invocation, ctx) {
    const pins = requirePins(ctx);
    const channelId = target(invocation);
    const guildId = invocation.guildId!;
    const { options } = invocation;
    const audit = {
      audit: `briefing_${options.subcommand}`,
      userId: invocation.userId,
      userName: invocation.userName,
      guildId,
      channelId,
    };
    if (options.subcommand === 'unpin') {
      const removed = await channelAction(channelId, () => pins.unpinAll(channelId));
      ctx.logger.info({ ...audit, removed }, 'briefing pins removed');
      return {
        kind: 'text',
        ephemeral: true,
        text: removed
          ? `Unpinned ${countText(removed, 'briefing')} in <#${channelId}>.`
          : `There were no briefing pins of mine in <#${channelId}>.`,
      };
    }
    const pin = options.getBoolean('pin') ?? false;
    const result = await ctx.briefings.get(briefingRequest(invocation));
    const payload = { content: `Briefing requested by <@${invocation.userId}>`, briefing: result };
    const posted = await channelAction(channelId, () =>
      pins.post({ guildId, channelId, payload, nonceSeed: `post:${invocation.id}`, pin }),
    );
    ctx.logger.info(
      {
        ...audit,
        messageId: posted.messageId,
        topic: result.briefing.topic,
        headline: result.briefing.headline,
        cached: result.cached,
        pinned: posted.pinned,
        unpinned: posted.unpinned,
      },
      'briefing posted',
    );
    return {
      kind: 'text',
      ephemeral: true,
      text: `Posted in <#${channelId}>: ${posted.url}${pin ? ` — ${pinSentence(posted)}` : ''}`,
    };
  },
  autocomplete(_invocation, focused, ctx) {
    return ctx.topicSuggestions(focused.value, 25).map((term) => ({ name: term, value: term }));
  },
} satisfies Command;
