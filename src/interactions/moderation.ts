import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';
import type { BriefingPins, PinOutcome } from './briefing-pins.js';
import { describeProblem } from './briefing-pins.js';
import type { CommandContext } from './command.js';
import { msg, t, type Msg } from '../i18n/index.js';
import { actionMsg } from './permissions.js';

/** The pin service, or a clear refusal where there is none (the console). */
export function requirePins(ctx: CommandContext): BriefingPins {
  if (!ctx.pins) throw new UserFacingError(msg('moderation.consoleOnly'));
  return ctx.pins;
}

/** Refuses members without Pin Messages (server admins may have changed the command's default). */
export function requirePinPermission(memberPermissions: bigint | null, action: string | Msg): void {
  const has =
    memberPermissions !== null &&
    ((memberPermissions & P.Administrator) !== 0n || (memberPermissions & P.PinMessages) !== 0n);
  if (!has) throw new UserFacingError(msg('permission.needPin', { action: actionMsg(action) }));
}

/** Refuses members without Manage Server (admins' commands: /digest, /feeds). */
export function requireManageServer(memberPermissions: bigint | null, action: string | Msg): void {
  const has = memberPermissions !== null && (memberPermissions & (P.ManageGuild | P.Administrator)) !== 0n;
  if (!has) throw new UserFacingError(msg('permission.needManageServer', { action: actionMsg(action) }));
}

/** Runs a channel operation, turning Discord's refusals into messages for the moderator. */
export async function channelAction<T>(channelId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const problem = describeProblem(err, channelId);
    throw problem ? new UserFacingError(problem, { cause: err }) : err;
  }
}

/**
 * "Pinned." / "It was already pinned." / "Not pinned: …", with how many older pins were rotated out,
 * in the reader's locale (English when none is given).
 */
export function pinSentence(outcome: PinOutcome, locale?: string): string {
  if (!outcome.pinned) return t(locale, 'pin.notPinned', { note: outcome.note ?? msg('pin.refused') });
  if (outcome.alreadyPinned) return t(locale, 'pin.already');
  return outcome.unpinned
    ? t(locale, 'pin.pinnedRotated', { count: outcome.unpinned })
    : t(locale, 'pin.pinned');
}
