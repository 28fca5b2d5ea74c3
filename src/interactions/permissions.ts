import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';
import type { ChannelOps } from './channel-ops.js';
import { msg, type Msg } from '../i18n/index.js';

/** Permission bits the bot's features need, with the names Discord shows in server settings. */
export const PERMISSION_NAMES: readonly [bigint, string][] = [
  [P.ViewChannel, 'View Channel'],
  [P.SendMessages, 'Send Messages'],
  [P.EmbedLinks, 'Embed Links'],
  [P.ReadMessageHistory, 'Read Message History'],
  [P.PinMessages, 'Pin Messages'],
  [P.ManageGuild, 'Manage Server'],
];

/** The same permissions as catalogue messages, for members and admins to read in their language. */
const PERMISSION_MSGS: readonly [bigint, Msg][] = [
  [P.ViewChannel, msg('permission.viewChannel')],
  [P.SendMessages, msg('permission.sendMessages')],
  [P.EmbedLinks, msg('permission.embedLinks')],
  [P.ReadMessageHistory, msg('permission.readMessageHistory')],
  [P.PinMessages, msg('permission.pinMessages')],
  [P.ManageGuild, msg('permission.manageServer')],
];

/** What members are told they may not do, by the English action commands pass ("pin briefings"). */
const ACTIONS: Readonly<Record<string, Msg>> = {
  'add articles': msg('action.addArticles'),
  'post briefings': msg('action.postBriefings'),
  'unpin briefings': msg('action.unpinBriefings'),
  'pin briefings': msg('action.pinBriefings'),
  'post briefings here': msg('action.postHere'),
  'manage digests': msg('action.manageDigests'),
  'change feeds': msg('action.changeFeeds'),
  'see the bot’s status': msg('action.seeStatus'),
};

/** An action ("pin briefings") as a catalogue message; one without a key stays as it is (English). */
export function actionMsg(action: string | Msg): string | Msg {
  return typeof action === 'string' ? (ACTIONS[action] ?? action) : action;
}

/** The bot's permissions from the interaction (app_permissions) when `channelId` is its channel; else undefined (ask the cache). */
export function interactionBotPermissions(
  invocation: { channelId: string | null; appPermissions?: bigint | null },
  channelId: string,
): bigint | undefined {
  return channelId === invocation.channelId ? (invocation.appPermissions ?? undefined) : undefined;
}

/** What the bot needs to post a briefing in a channel, and to pin it and rotate its older pins. */
export const POST_PERMISSIONS = P.ViewChannel | P.SendMessages | P.EmbedLinks;
export const PIN_PERMISSIONS = P.ViewChannel | P.ReadMessageHistory | P.PinMessages;

/** Names of the bits of `need` missing from `have` (Administrator has them all). */
export function missingPermissions(have: bigint, need: bigint): string[] {
  if ((have & P.Administrator) !== 0n) return [];
  return PERMISSION_NAMES.filter(([bit]) => (need & bit) !== 0n && (have & bit) === 0n).map(
    ([, name]) => name,
  );
}

/** The missing bits as catalogue messages (rendered as a list in the reader's language). */
function missingMsgs(have: bigint, need: bigint): Msg[] {
  if ((have & P.Administrator) !== 0n) return [];
  return PERMISSION_MSGS.filter(([bit]) => (need & bit) !== 0n && (have & bit) === 0n).map(([, m]) => m);
}

/** "Pin Messages" / "View Channel and Embed Links" / "A, B and C". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The one channel check, answered before any REST call: the channel exists (in `guildId`, when given)
 * and takes messages, the member has `member.need` there (when given), and the bot has `bot` (by the
 * interaction's app_permissions in its own channel, else by the gateway cache). Throws a
 * UserFacingError naming what is missing, and for whom.
 */
export function checkChannel(
  ops: ChannelOps,
  input: {
    channelId: string;
    guildId?: string;
    /** The member's permissions in the channel (null: unknown, i.e. none), what they need, and for what. */
    member?: { permissions: bigint | null; need: bigint; action: string };
    bot: bigint;
    /**
     * The bot's permissions there as the interaction carried them (app_permissions), when the channel is
     * the interaction's own: they win over the gateway cache. Absent or null: the cache.
     */
    botPermissions?: bigint | null;
    /** End the bot's message with ", then try again" (settings that are checked again when saved). */
    retry?: boolean;
  },
): void {
  const { channelId } = input;
  const channel = ops.channel(channelId);
  if (!channel || (input.guildId !== undefined && channel.guildId !== input.guildId))
    throw new UserFacingError(msg('channel.notFound', { channel: channelId }));
  if (!channel.textBased) throw new UserFacingError(msg('channel.notText', { channel: channelId }));
  if (input.member) {
    const missing = missingMsgs(input.member.permissions ?? 0n, input.member.need);
    if (missing.length)
      throw new UserFacingError(
        msg('permission.memberMissing', {
          count: missing.length,
          names: missing,
          channel: channelId,
          action: actionMsg(input.member.action),
        }),
      );
  }
  const bot = input.botPermissions ?? ops.permissions(channelId, 'bot') ?? 0n;
  const missing = missingMsgs(bot, input.bot);
  if (missing.length)
    throw new UserFacingError(
      msg(input.retry ? 'permission.botMissingRetry' : 'permission.botMissing', {
        count: missing.length,
        names: missing,
        channel: channelId,
      }),
    );
}
