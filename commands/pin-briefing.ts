import { ContextMenuCommandBuilder } from '@discordjs/builders';
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { UserFacingError } from '../src/errors.js';
import type { Command, Invocation, TargetMessage } from '../src/interactions/command.js';
import {
  channelAction,
  pinSentence,
  requirePinPermission,
  requirePins,
} from '../src/interactions/moderation.js';
import { english, localizations, msg } from '../src/i18n/index.js';

/** The message command's name, as members see it under Apps (English; localised names for the others). */
export const PIN_BRIEFING = english('cmd.pinBriefing');

const data = new ContextMenuCommandBuilder()
  .setName(PIN_BRIEFING)
  .setNameLocalizations(localizations('cmd.pinBriefing'))
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages);

/** The briefing the command was used on, in a server channel, or a clear refusal. */
function briefingOf(invocation: Invocation): TargetMessage & { channelId: string; guildId: string } {
  const { target, channelId, guildId } = invocation;
  if (!target || !channelId || !guildId) throw new UserFacingError(msg('pin.notAMessage'));
  if (!target.isBriefing) throw new UserFacingError(msg('pin.notABriefing'));
  return { ...target, channelId, guildId };
}

/**
 * "Pin briefing" (right-click a message, Apps): pins one of the bot's briefings, for members with Pin
 * Messages, with the same rotation of the bot's older briefing pins and the same audit line as
 * `/briefing post pin:true`.
 */
export default {
  data,
  defer: 'ephemeral',
  check(invocation, ctx) {
    const pins = requirePins(ctx);
    requirePinPermission(invocation.memberPermissions, 'pin briefings');
    const { channelId } = briefingOf(invocation);
    pins.checkPermissions({
      channelId,
      memberId: invocation.userId,
      memberPermissions: invocation.memberPermissions,
      interactionChannelId: invocation.channelId,
      appPermissions: invocation.appPermissions,
      pin: true,
      action: 'pin briefings',
    });
  },
  async execute(invocation, ctx) {
    const pins = requirePins(ctx);
    const target = briefingOf(invocation);
    const outcome = await channelAction(target.channelId, () => pins.pin(target.channelId, target.id));
    ctx.logger.info(
      {
        audit: 'briefing_pinned',
        userId: invocation.userId,
        userName: invocation.userName,
        guildId: target.guildId,
        channelId: target.channelId,
        messageId: target.id,
        headline: target.payload.embeds[0]?.title,
        pinned: outcome.pinned,
        unpinned: outcome.unpinned,
      },
      'briefing pinned',
    );
    return { kind: 'text', ephemeral: true, text: pinSentence(outcome, invocation.locale) };
  },
} satisfies Command;
