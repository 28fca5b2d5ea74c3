import { REST, Routes } from 'discord.js';
import type { Command } from '../interactions/command.js';

export interface DeployOptions {
  token: string;
  appId?: string;
  guildId?: string;
  apiUrl?: string;
  commands: ReadonlyMap<string, Command>;
}

/** A registered command as Discord lists it (only what deploy reads). */
interface Registered {
  name: string;
  type?: number;
}

/** What `npm run deploy` did. */
export interface DeployResult {
  scope: string;
  names: string[];
  /**
   * Registered both globally and in DISCORD_GUILD_ID (members of that server see each twice); empty
   * when none, or when the other set could not be read (`checkError`).
   */
  duplicates: string[];
  checkError?: string;
}

/** The application id is the first part of a bot token, base64-encoded. */
export function appIdFromToken(token: string): string | null {
  const first = token.split('.')[0] ?? '';
  const decoded = Buffer.from(first, 'base64').toString('utf8');
  return /^\d{17,20}$/.test(decoded) ? decoded : null;
}

/** "/news" for a slash command, "“Pin briefing”" for a message command. */
export function commandLabel(command: Registered): string {
  return (command.type ?? 1) === 1 ? `/${command.name}` : `“${command.name}”`;
}

const keyOf = (c: Registered) => `${c.type ?? 1}:${c.name}`;

function client(options: Pick<DeployOptions, 'token' | 'appId' | 'apiUrl'>): { rest: REST; appId: string } {
  const appId = options.appId ?? appIdFromToken(options.token);
  if (!appId)
    throw new Error('Set DISCORD_APP_ID (the Application ID on the General Information page of your app).');
  return { rest: new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token), appId };
}

/**
 * Registers the commands with Discord, replacing the previous set: in one server when a guild id is
 * given (instant, for development), else globally. In a server, it then reads the global set and
 * names the commands registered in both (members would see each twice). Returns where and what was
 * registered.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const { rest, appId } = client(options);
  const body = [...options.commands.values()].map((c) => c.data.toJSON());
  const route = options.guildId
    ? Routes.applicationGuildCommands(appId, options.guildId)
    : Routes.applicationCommands(appId);
  const result = (await rest.put(route, { body })) as Registered[];
  const deployed: DeployResult = {
    scope: options.guildId ? `server ${options.guildId}` : 'global (may take a while to show up everywhere)',
    names: result.map(commandLabel),
    duplicates: [],
  };
  if (!options.guildId) return deployed;
  try {
    const global = (await rest.get(Routes.applicationCommands(appId))) as Registered[];
    const here = new Set(result.map(keyOf));
    deployed.duplicates = global.filter((c) => here.has(keyOf(c))).map(commandLabel);
  } catch (err) {
    deployed.checkError = err instanceof Error ? err.message : String(err);
  }
  return deployed;
}

/**
 * Removes every command of the application from one scope (`npm run deploy -- --clear-guild` or
 * `--clear-global`): the guild's set needs `guildId`. Returns what was removed.
 */
export async function clearCommands(
  options: Omit<DeployOptions, 'commands'>,
  which: 'guild' | 'global',
): Promise<{ scope: string; removed: string[] }> {
  const { rest, appId } = client(options);
  if (which === 'guild' && !options.guildId) throw new Error('--clear-guild needs DISCORD_GUILD_ID');
  const route =
    which === 'guild'
      ? Routes.applicationGuildCommands(appId, options.guildId!)
      : Routes.applicationCommands(appId);
  const before = (await rest.get(route)) as Registered[];
  if (before.length) await rest.put(route, { body: [] });
  return {
    scope: which === 'guild' ? `server ${options.guildId}` : 'global',
    removed: before.map(commandLabel),
  };
}
