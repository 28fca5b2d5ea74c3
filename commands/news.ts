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
import {
  channelAction,
  pinSentence,
  requirePinPermission,
  requirePins,
} from '../src/interactions/moderation.js';

const data = new SlashCommandBuilder()
  .setName('news')
  .setDescription('A short briefing of the latest stored news, every point cited')
  .setContexts(InteractionContextType.Guild)
  .addStringOption(topicOption('A word or phrase to search for, e.g. iraq or "climate change"'))
  .addIntegerOption(hoursOption)
  .addStringOption(lengthOption('How long the briefing should be (default standard)'))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the reply'));

export default {
  data,
  defer: (options) => (options.getBoolean('private') ? 'ephemeral' : 'public'),
  async check(invocation, ctx) {
    // Members of a server take turns; the console's operator does not.
    if (invocation.guildId) await ctx.newsCooldown?.check(invocation.userId);
  },
  async execute(invocation, ctx) {
    const result = await ctx.briefings.get(briefingRequest(invocation));
    if (invocation.guildId)
      await ctx.newsCooldown?.charge(invocation.userId, !result.cached && result.briefing.kind === 'llm');
    return {
      kind: 'briefing',
      result,
      ephemeral: invocation.options.getBoolean('private') ?? false,
      pinButton: true,
    };
  },
  buttons: {
    /** Pin: pins a public reply; re-posts a private one publicly (ephemeral messages cannot be pinned) and pins that. */
    pin: {
      check(press, ctx) {
        const pins = requirePins(ctx);
        requirePinPermission(press.memberPermissions, 'pin briefings');
        if (!press.channelId || !press.guildId)
          throw new UserFacingError('pin pressed outside a server channel');
        pins.checkPermissions({
          channelId: press.channelId,
          memberId: press.userId,
          memberPermissions: press.memberPermissions,
          interactionChannelId: press.channelId,
          pin: true,
          action: 'pin briefings',
        });
      },
      defer: 'ephemeral',
      async execute(press, ctx) {
        const pins = requirePins(ctx);
        const channelId = press.channelId!;
        const guildId = press.guildId!;
        const audit = {
          audit: 'briefing_pinned',
          userId: press.userId,
          userName: press.userName,
          guildId,
          channelId,
          sourceMessageId: press.message.id,
          headline: press.message.payload.embeds[0]?.title,
        };
        if (press.message.ephemeral) {
          const payload = {
            content: `📌 Pinned by <@${press.userId}>`,
            embeds: press.message.payload.embeds,
          };
          const posted = await channelAction(channelId, () =>
            pins.post({ guildId, channelId, payload, nonceSeed: `repost:${press.message.id}`, pin: true }),
          );
          ctx.logger.info(
            { ...audit, messageId: posted.messageId, pinned: posted.pinned, unpinned: posted.unpinned },
            'briefing re-posted and pinned',
          );
          return {
            kind: 'text',
            ephemeral: true,
            text: `Posted publicly: ${posted.url} — ${pinSentence(posted)}`,
          };
        }
        const outcome = await channelAction(channelId, () => pins.pin(channelId, press.message.id));
        ctx.logger.info(
          { ...audit, messageId: press.message.id, pinned: outcome.pinned, unpinned: outcome.unpinned },
          'briefing pinned',
        );
        return { kind: 'text', ephemeral: true, text: pinSentence(outcome) };
      },
    },
  },
  autocomplete(_invocation, focused, ctx) {
    return ctx.topicSuggestions(focused.value, 25).map((term) => ({ name: term, value: term }));
  },
} satisfies Command;
