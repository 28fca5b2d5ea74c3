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
import { english, localizations, msg, replyLocale, t } from '../src/i18n/index.js';
import {
  channelAction,
  pinSentence,
  requirePinPermission,
  requirePins,
} from '../src/interactions/moderation.js';

const TEXT_CHANNELS = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

const data = new SlashCommandBuilder()
  .setName('briefing')
  .setDescription(english('cmd.briefing'))
  .setDescriptionLocalizations(localizations('cmd.briefing'))
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages)
  .addSubcommand((s) =>
    s
      .setName('post')
      .setDescription(english('cmd.briefing.post'))
      .setDescriptionLocalizations(localizations('cmd.briefing.post'))
      .addStringOption(topicOption('cmd.briefing.post.topic'))
      .addIntegerOption(hoursOption)
      .addStringOption(lengthOption('cmd.briefing.post.length'))
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription(english('cmd.briefing.post.channel'))
          .setDescriptionLocalizations(localizations('cmd.briefing.post.channel'))
          .addChannelTypes(...TEXT_CHANNELS),
      )
      .addBooleanOption((o) =>
        o
          .setName('pin')
          .setDescription(english('cmd.briefing.post.pin'))
          .setDescriptionLocalizations(localizations('cmd.briefing.post.pin')),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('unpin')
      .setDescription(english('cmd.briefing.unpin'))
      .setDescriptionLocalizations(localizations('cmd.briefing.unpin'))
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription(english('cmd.briefing.unpin.channel'))
          .setDescriptionLocalizations(localizations('cmd.briefing.unpin.channel'))
          .addChannelTypes(...TEXT_CHANNELS),
      ),
  );

function target(invocation: Invocation): string {
  const channelId = invocation.options.getId('channel') ?? invocation.channelId;
  if (!channelId || !invocation.guildId)
    throw new UserFacingError(msg('error.outsideServer', { command: '/briefing' }));
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
          ? t(invocation.locale, 'briefing.unpinned', { count: removed, channel: channelId })
          : t(invocation.locale, 'briefing.noPins', { channel: channelId }),
      };
    }
    const pin = options.getBoolean('pin') ?? false;
    // A public post: written, labelled and footed in the server's language.
    const locale = replyLocale(invocation, false);
    const result = await ctx.briefings.get(briefingRequest(invocation, locale));
    const payload = {
      content: t(locale, 'briefing.requestedBy', { user: invocation.userId }),
      briefing: result,
      locale,
    };
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
      text: pin
        ? t(invocation.locale, 'briefing.postedInPinned', {
            channel: channelId,
            url: posted.url,
            pin: pinSentence(posted, invocation.locale),
          })
        : t(invocation.locale, 'briefing.postedIn', { channel: channelId, url: posted.url }),
    };
  },
  autocomplete(_invocation, focused, ctx) {
    return ctx.topicSuggestions(focused.value, 25).map((term) => ({ name: term, value: term }));
  },
} satisfies Command;
