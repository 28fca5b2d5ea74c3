import { Routes, type Client } from 'discord.js';
import { errorMessage } from '../errors.js';
import type { Command } from '../interactions/command.js';
import type { Logger } from '../logger.js';
import { compareCommands, driftText, type CommandDrift } from './command-drift.js';

/** What the line says besides Discord's own facts: the LLM and the cache, already free of secrets. */
export interface ReadySummary {
  llm: string;
  cache: string;
}

type CommandsCheck =
  | { state: 'deployed'; scope: string; count: number }
  | { state: 'never_deployed'; scope: string }
  | { state: 'differ'; scope: string; drift: CommandDrift }
  | { state: 'unchecked'; scope: string; error: string };

function commandsText(check: CommandsCheck): string {
  switch (check.state) {
    case 'deployed':
      return `commands: deployed (${check.count}, ${check.scope})`;
    case 'never_deployed':
      return `WARNING: no slash commands are registered (${check.scope}); run npm run deploy`;
    case 'differ':
      return `WARNING: the registered commands (${check.scope}) differ from the local definitions, run npm run deploy: ${driftText(check.drift)}`;
    case 'unchecked':
      return `WARNING: commands not checked (could not read them from Discord: ${check.error})`;
  }
}

/** Reads the registered commands where `npm run deploy` puts them (the server when guildId is set) and compares. */
async function checkCommands(
  client: Client<true>,
  commands: ReadonlyMap<string, Command>,
  guildId: string | undefined,
  timeoutMs: number,
): Promise<CommandsCheck> {
  const scope = guildId ? `server ${guildId}` : 'global';
  try {
    const appId = client.application.id;
    const route = guildId
      ? Routes.applicationGuildCommands(appId, guildId)
      : Routes.applicationCommands(appId);
    // Without with_localizations=true Discord leaves out name/description_localizations, and every
    // localised command would look changed.
    const remote = (await client.rest.get(route, {
      query: new URLSearchParams({ with_localizations: 'true' }),
      signal: AbortSignal.timeout(timeoutMs),
    })) as Record<string, unknown>[];
    if (!remote.length) return { state: 'never_deployed', scope };
    const local = [...commands.values()].map((c) => c.data.toJSON() as unknown as Record<string, unknown>);
    const drift = compareCommands(local, remote, guildId ? 'guild' : 'global');
    if (drift.missing.length || drift.changed.length || drift.extra.length)
      return { state: 'differ', scope, drift };
    return { state: 'deployed', scope, count: local.length };
  } catch (err) {
    return { state: 'unchecked', scope, error: errorMessage(err).slice(0, 200) };
  }
}

/**
 * Logs the one start-up line an operator reads, once Discord's READY arrived and the guild cache is
 * filled: who the bot is connected as, in how many servers, whether the registered slash commands match
 * the local definitions (by a REST read; a warning names what differs), the LLM (host and model only)
 * and the cache. Info when all is as defined, warn otherwise. Never throws.
 */
export async function logReadyLine(
  client: Client<true>,
  options: {
    logger: Logger;
    commands: ReadonlyMap<string, Command>;
    guildId?: string;
    summary?: ReadySummary;
    timeoutMs?: number;
  },
): Promise<void> {
  const check = await checkCommands(client, options.commands, options.guildId, options.timeoutMs ?? 5_000);
  const servers = client.guilds.cache.size;
  const parts = [
    `connected to Discord as ${client.user.tag} in ${servers} server${servers === 1 ? '' : 's'}`,
    commandsText(check),
  ];
  if (options.summary) parts.push(`LLM: ${options.summary.llm}`, `cache: ${options.summary.cache}`);
  const fields = {
    user: client.user.tag,
    guilds: servers,
    commands: check,
    ...(options.summary ? { llm: options.summary.llm, cache: options.summary.cache } : {}),
  };
  if (check.state === 'deployed') options.logger.info(fields, parts.join('; '));
  else options.logger.warn(fields, parts.join('; '));
}
