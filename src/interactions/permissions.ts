import { PermissionFlagsBits as P } from 'discord-api-types/v10';

/** Permission bits the bot's features need, with the names Discord shows in server settings. */
export const PERMISSION_NAMES: readonly [bigint, string][] = [
  [P.ViewChannel, 'View Channel'],
  [P.SendMessages, 'Send Messages'],
  [P.EmbedLinks, 'Embed Links'],
  [P.ReadMessageHistory, 'Read Message History'],
  [P.PinMessages, 'Pin Messages'],
  [P.ManageGuild, 'Manage Server'],
];

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

/** "Pin Messages" / "View Channel and Embed Links" / "A, B and C". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
