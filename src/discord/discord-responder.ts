import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { truncateText } from '../briefing/text-tools.js';
import type { Reply } from '../interactions/command.js';
import type { Responder } from '../interactions/dispatcher.js';
import { LIMITS } from '../interactions/limits.js';
import { briefingMessage } from './render-briefing.js';
import { fallbackText } from '../briefing/describe.js';
import { t } from '../i18n/index.js';

const NO_MENTIONS = { parse: [] as [] };

/** Plain text for Discord: within the content limit, never pinging. */
export function textMessage(text: string) {
  return { content: truncateText(text, LIMITS.content), allowedMentions: NO_MENTIONS };
}

/** custom_id of the "Post in channel" button under private /news replies (handled by commands/news.ts). */
export const SHARE_BUTTON_ID = 'news:post';

function shareRow(locale?: string) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(SHARE_BUTTON_ID)
      .setLabel(t(locale, 'share.button'))
      .setEmoji('📣')
      .setStyle(ButtonStyle.Secondary),
  );
}

/**
 * The private line that goes with a public reply, if any (a daily LLM budget used up, and when it
 * resets), in the member's locale.
 */
export function privateNotice(reply: Reply, locale?: string): string | null {
  if (reply.kind !== 'briefing' || reply.ephemeral) return null;
  const { briefing } = reply.result;
  if (!briefing.limitNotice) return null;
  return t(locale, 'notice.extractivePrivate', { reason: fallbackText(briefing, locale) });
}

/** The message payload of a reply (embeds for briefings, content for text). */
export function replyPayload(reply: Reply) {
  if (reply.kind === 'text') return { ...textMessage(reply.text), embeds: [], components: [] };
  // Only a private reply has a button: a public one is already in the channel (pin it with the
  // "Pin briefing" message command).
  const share = reply.shareButton === true && reply.ephemeral;
  return {
    ...briefingMessage(reply.result, { digest: reply.digest, locale: reply.locale }),
    components: share ? [shareRow(reply.locale)] : [],
  };
}

/**
 * Answers one Discord interaction through the dispatcher's three verbs, keeping track of what was
 * already sent so that every interaction gets exactly one answer.
 */
export class DiscordResponder implements Responder {
  private deferredEphemeral: boolean | null = null;

  constructor(
    private readonly interaction:
      ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction,
  ) {}

  async defer(ephemeral: boolean): Promise<void> {
    await this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    this.deferredEphemeral = ephemeral;
  }

  async reply(reply: Reply): Promise<void> {
    const payload = replyPayload(reply);
    if (this.deferredEphemeral !== null) await this.interaction.editReply(payload);
    else
      await this.interaction.reply({
        ...payload,
        ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
      });
    // A public briefing made extractive by a daily budget: the member who asked learns why, privately.
    const notice = privateNotice(reply, this.interaction.locale);
    if (notice) await this.interaction.followUp({ ...textMessage(notice), flags: MessageFlags.Ephemeral });
  }

  async fail(message: string): Promise<void> {
    const i = this.interaction;
    const payload = textMessage(message);
    if (this.deferredEphemeral === null && !i.replied && !i.deferred) {
      await i.reply({ ...payload, flags: MessageFlags.Ephemeral });
    } else if (this.deferredEphemeral === true || i.replied) {
      await i.editReply({ ...payload, embeds: [], components: [] });
    } else {
      // A public "thinking..." cannot turn private: remove it and answer privately instead.
      await i.deleteReply().catch(() => undefined);
      await i.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    }
  }
}
