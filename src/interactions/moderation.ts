import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { UserFacingError } from '../errors.js';
import type { BriefingPins, PinOutcome } from './briefing-pins.js';
import { describeProblem } from './briefing-pins.js';
import type { CommandContext } from './command.js';
import { countText } from './plural.js';

/** The pin service, or a clear refusal where there is none (the console). */
export function requirePins(ctx: CommandContext): BriefingPins {
  if (!ctx.pins)
    throw new UserFacingError('Posting and pinning happen in Discord; the console can only show briefings.');
  return ctx.pins;
}

/** Refuses members without Pin Messages (server admins may have changed the command's default). */
export function requirePinPermission(memberPermissions: bigint | null, action: string): void {
  const has =
    memberPermissions !== null &&
    ((memberPermissions & P.Administrator) !== 0n || (memberPermissions & P.PinMessages) !== 0n);
  if (!has) throw new UserFacingError(`You need the Pin Messages permission to ${action}.`);
}

/** Refuses members without Manage Server (admins' commands: /digest, /feeds). */
export function requireManageServer(memberPermissions: bigint | null, action: string): void {
  const has = memberPermissions !== null && (memberPermissions & (P.ManageGuild | P.Administrator)) !== 0n;
  if (!has) throw new UserFacingError(`You need the Manage Server permission to ${action}.`);
}

/** Runs a channel operation, turning Discord's refusals into messages for the moderator. */
export async function channelAction<T>(channelId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const text = describeProblem(err, channelId);
    throw text ? new UserFacingError(text, { cause: err }) : err;
  }
}

/** "Pinned." / "It was already pinned." / "Not pinned: …", with how many older pins were rotated out. */
export function pinSentence(outcome: PinOutcome): string {
  if (!outcome.pinned) return `Not pinned: ${outcome.note ?? 'Discord refused.'}`;
  if (outcome.alreadyPinned) return 'It was already pinned.';
  const rotated = outcome.unpinned ? ` (unpinned ${countText(outcome.unpinned, 'olderBriefing')})` : '';
  return `Pinned${rotated}.`;
}
