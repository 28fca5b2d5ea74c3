import { REST, Routes } from 'discord.js';
import type { Command } from '../interactions/command.js';

export interface DeployOptions {
  token: string;
  appId?: string;
  guildId?: string;
  apiUrl?: string;
  commands: ReadonlyMap<string, Command>;
}

/** The application id is the first part of a bot token, base64-encoded. */
export function appIdFromToken(token: string): string | null {
  const first = token.split('.')[0] ?? '';
  const decoded = Buffer.from(first, 'base64').toString('utf8');
  return /^\d{17,20}$/.test(decoded) ? decoded : null;
}

/**
 * Registers the slash commands with Discord, replacing the previous set: in one server when a guild id
 * is given (instant, for development), else globally. Returns where and what was registered.
 */
export async function deployCommands(options: DeployOptions): Promise<{ scope: string; names: string[] }> {
  const appId = options.appId ?? appIdFromToken(options.token);
  if (!appId)
    throw new Error('Set DISCORD_APP_ID (the Application ID on the General Information page of your app).');
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const body = [...options.commands.values()].map((c) => c.data.toJSON());
  const route = options.guildId
    ? Routes.applicationGuildCommands(appId, options.guildId)
    : Routes.applicationCommands(appId);
  const result = (await rest.put(route, { body })) as { name: string }[];
  return {
    scope: options.guildId ? `server ${options.guildId}` : 'global (may take a while to show up everywhere)',
    names: result.map((c) => c.name),
  };
}
