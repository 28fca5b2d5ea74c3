import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import { UserFacingError } from '../src/errors.js';
import {
  briefingRequest,
  hoursOption,
  lengthOption,
  topicOption,
} from '../src/interactions/briefing-request.js';
import type { Command } from '../src/interactions/command.js';
import { english, localizations, msg, replyLocale, t } from '../src/i18n/index.js';
import { channelAction, requirePins } from '../src/interactions/moderation.js';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';

const data = new SlashCommandBuilder()
  .setName('news')
  .setDescription(english('cmd.news'))
  .setDescriptionLocalizations(localizations('cmd.news'))
  .setContexts(InteractionContextType.Guild)
  .addStringOption(topicOption('cmd.news.topic'))
  .addIntegerOption(hoursOption)
  .addStringOption(lengthOption('cmd.news.length'))
  .addBooleanOption((o) =>
    o
      .setName('private')
      .setDescription(english('cmd.news.private'))
      .setDescriptionLocalizations(localizations('cmd.news.private')),
  );

export default {
  data,
  defer: (options) => (options.getBoolean('private') ? 'ephemeral' : 'public'),
  async check(invocation, ctx) {
    // Members of a server take turns; the console's operator does not.
    if (invocation.guildId) await ctx.newsCooldown?.check(invocation.userId);
  },
  async execute(invocation, ctx) {
    const ephemeral = invocation.options.getBoolean('private') ?? false;
    // A private reply in the member's language, a public one in the server's.
    const locale = replyLocale(invocation, ephemeral);
    const result = await ctx.briefings.get(briefingRequest(invocation, locale));
    if (invocation.guildId)
      await ctx.newsCooldown?.charge(invocation.userId, !result.cached && result.briefing.kind === 'llm');
    // A private reply can be posted for everyone; a public one is there already (no button).
    return {
      kind: 'briefing',
      result,
      ephemeral,
      shareButton: ephemeral && invocation.guildId !== null,
      locale,
    };
  },
  buttons: {
    /** Post in channel: posts a private reply publicly in its channel, for any member (with the /news cooldown). */
    post: {
      async check(press, ctx) {
        const pins = requirePins(ctx);
        if (!press.channelId || !press.guildId) throw new UserFacingError(msg('share.outsideServer'));
        if (!press.message.ephemeral) throw new UserFacingError(msg('share.alreadyPublic'));
        pins.checkPermissions({
          channelId: press.channelId,
          memberId: press.userId,
          memberPermissions: press.memberPermissions,
          interactionChannelId: press.channelId,
          appPermissions: press.appPermissions,
          memberNeed: P.ViewChannel | P.SendMessages,
          pin: false,
          action: 'post briefings here',
        });
        // Last, so that a press refused for another reason takes no turn (the check takes a quarter).
        await ctx.newsCooldown?.check(press.userId);
      },
      defer: 'ephemeral',
      async execute(press, ctx) {
        const pins = requirePins(ctx);
        const channelId = press.channelId!;
        const guildId = press.guildId!;
        // The line above it is for the channel, in the server's language (never a ping: no mentions are
        // parsed); the briefing is the member's private one as they read it.
        const payload = {
          content: t(replyLocale(press, false), 'share.sharedBy', { user: press.userId }),
          embeds: press.message.payload.embeds,
        };
        // One public copy per private reply, however often (or by however many clicks) it is pressed.
        const posted = await channelAction(channelId, () =>
          pins.post({ guildId, channelId, payload, nonceSeed: `share:${press.message.id}`, pin: false }),
        );
        await ctx.newsCooldown?.charge(press.userId, false);
        ctx.logger.info(
          {
            audit: 'briefing_shared',
            userId: press.userId,
            userName: press.userName,
            guildId,
            channelId,
            sourceMessageId: press.message.id,
            messageId: posted.messageId,
            headline: press.message.payload.embeds[0]?.title,
          },
          'briefing posted in channel',
        );
        return {
          kind: 'text',
          ephemeral: true,
          text: t(press.locale, 'briefing.postedIn', { channel: channelId, url: posted.url }),
        };
      },
    },
    /** The Pin button of earlier versions, still on older replies: points to the message command. */
    pin: {
      check() {
        throw new UserFacingError(msg('pin.moved'));
      },
      defer: 'none',
      execute() {
        throw new UserFacingError(msg('pin.moved'));
      },
    },
  },
  autocomplete(_invocation, focused, ctx) {
    return ctx.topicSuggestions(focused.value, 25).map((term) => ({ name: term, value: term }));
  },
} satisfies Command;
