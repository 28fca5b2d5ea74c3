import type { Logger } from '../logger.js';
import { nonceFor } from '../nonce.js';
import {
  ChannelOpError,
  messageUrl,
  type ChannelOps,
  type PinnedMessage,
  type PostPayload,
} from './channel-ops.js';
import { PIN_PERMISSIONS, POST_PERMISSIONS, checkChannel } from './permissions.js';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { msg, type Msg } from '../i18n/index.js';

export interface PinOutcome {
  pinned: boolean;
  alreadyPinned: boolean;
  /** Older briefing pins of the bot removed by the rotation. */
  unpinned: number;
  /** Why it was not pinned, for the moderator (a catalogue message, or plain English text). */
  note: Msg | string | null;
}

/** What to tell the member about a failed channel operation (a catalogue message). */
export function describeProblem(err: unknown, channelId: string): Msg | null {
  if (!(err instanceof ChannelOpError)) return null;
  const channel = channelId;
  switch (err.problem) {
    case 'unknown_channel':
      return msg('problem.unknownChannel', { channel });
    case 'no_access':
      return msg('problem.noAccess', { channel });
    case 'missing_permissions':
      return msg('problem.missingPermissions', { channel });
    case 'unknown_message':
      return msg('problem.unknownMessage');
    case 'pin_limit':
      return msg('problem.pinLimit', { channel });
    default:
      return null;
  }
}

/**
 * Posting and pinning briefings for moderators, with pin rotation: when the bot pins a briefing it
 * unpins its own older briefing pins in that channel so that at most `keep` remain. Pins made by anyone
 * else, or bot messages that are not briefings, are never touched. Work on one channel is serialised,
 * so two moderators pressing Pin at once give one pin.
 */
export class BriefingPins {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ops: ChannelOps,
    private readonly options: { keep: number; logger: Logger },
  ) {}

  /**
   * Throws a UserFacingError naming what is missing, for whom, before any REST call. The member's and
   * the bot's permissions come from the interaction when the target is its channel, else from the cache.
   */
  checkPermissions(input: {
    channelId: string;
    memberId: string;
    memberPermissions: bigint | null;
    interactionChannelId: string | null;
    pin: boolean;
    action: string;
    /** The bot's permissions in the interaction's channel (app_permissions); used when it is the target. */
    appPermissions?: bigint | null;
    /** What the member needs there (default View Channel and Pin Messages). */
    memberNeed?: bigint;
  }): void {
    const member =
      input.channelId === input.interactionChannelId && input.memberPermissions !== null
        ? input.memberPermissions
        : this.ops.permissions(input.channelId, input.memberId);
    checkChannel(this.ops, {
      channelId: input.channelId,
      member: {
        permissions: member,
        need: input.memberNeed ?? P.ViewChannel | P.PinMessages,
        action: input.action,
      },
      botPermissions:
        input.channelId === input.interactionChannelId ? (input.appPermissions ?? undefined) : undefined,
      bot: input.action.startsWith('unpin')
        ? PIN_PERMISSIONS
        : POST_PERMISSIONS | (input.pin ? PIN_PERMISSIONS : 0n),
    });
  }

  /** Posts a briefing (idempotent per nonce seed) and pins it when asked. */
  async post(input: {
    guildId: string;
    channelId: string;
    payload: PostPayload;
    nonceSeed: string;
    pin: boolean;
  }): Promise<{ messageId: string; url: string } & PinOutcome> {
    const { messageId } = await this.ops.post(input.channelId, input.payload, nonceFor(input.nonceSeed));
    const url = messageUrl(input.guildId, input.channelId, messageId);
    if (!input.pin) return { messageId, url, pinned: false, alreadyPinned: false, unpinned: 0, note: null };
    return { messageId, url, ...(await this.pin(input.channelId, messageId)) };
  }

  /** Pins a message (once, however often it is asked) and rotates the bot's older briefing pins. */
  pin(channelId: string, messageId: string): Promise<PinOutcome> {
    return this.serial(channelId, async () => {
      const pins = await this.ops.pins(channelId);
      if (pins.some((p) => p.messageId === messageId))
        return { pinned: true, alreadyPinned: true, unpinned: 0, note: null };
      try {
        await this.ops.pin(channelId, messageId);
      } catch (err) {
        if (!(err instanceof ChannelOpError && err.problem === 'pin_limit')) throw err;
        // Full: make room by rotating our own older briefings, if there are any, then try once more.
        const freed = await this.rotate(channelId, pins, null, this.options.keep - 1);
        if (!freed)
          return {
            pinned: false,
            alreadyPinned: false,
            unpinned: 0,
            note: msg('pin.limitNote', { channel: channelId }),
          };
        await this.ops.pin(channelId, messageId);
        return { pinned: true, alreadyPinned: false, unpinned: freed, note: null };
      }
      const unpinned = await this.rotate(channelId, pins, messageId, this.options.keep - 1);
      return { pinned: true, alreadyPinned: false, unpinned, note: null };
    });
  }

  /** Removes every briefing pin the bot made in the channel. Returns how many. */
  unpinAll(channelId: string): Promise<number> {
    return this.serial(channelId, async () =>
      this.rotate(channelId, await this.ops.pins(channelId), null, 0),
    );
  }

  /** Unpins the bot's briefing pins beyond the newest `keepOthers` (not counting `newest`). */
  private async rotate(
    channelId: string,
    pins: PinnedMessage[],
    newest: string | null,
    keepOthers: number,
  ): Promise<number> {
    const ours = pins
      .filter((p) => p.isBriefing && p.authorId === this.ops.botUserId && p.messageId !== newest)
      .sort((a, b) => b.pinnedAt - a.pinnedAt);
    let removed = 0;
    for (const old of ours.slice(Math.max(0, keepOthers))) {
      try {
        await this.ops.unpin(channelId, old.messageId);
        removed += 1;
      } catch (err) {
        if (!(err instanceof ChannelOpError && err.problem === 'unknown_message')) throw err;
      }
    }
    if (removed) this.options.logger.info({ channelId, removed }, 'rotated older briefing pins');
    return removed;
  }

  private serial<T>(channelId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(channelId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(channelId, settled);
    void settled.then(() => {
      if (this.chains.get(channelId) === settled) this.chains.delete(channelId);
    });
    return next;
  }
}
