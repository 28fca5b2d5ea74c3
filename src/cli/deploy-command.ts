import type { Config } from '../config.js';
import { clearCommands, deployCommands } from '../discord/deploy.js';
import { loadCommands } from '../interactions/load-commands.js';
import type { Logger } from '../logger.js';

const CLEAR_FLAGS = { '--clear-guild': 'guild', '--clear-global': 'global' } as const;

/** "/a, /b and “C”". */
function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * `newsdesk deploy`: registers the commands (guild-scoped with DISCORD_GUILD_ID, else global) and warns
 * when the same commands are registered in both places; `--clear-guild` / `--clear-global` remove that
 * set instead (and register nothing).
 */
export async function runDeployCommand(config: Config, logger: Logger, args: string[] = []): Promise<number> {
  const { token, appId, guildId, apiUrl } = config.discord;
  const out = (text: string) => void process.stdout.write(`${text}\n`);
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  if (!token) {
    err(
      'Set DISCORD_TOKEN in .env first (Bot page of your application on https://discord.com/developers/applications).',
    );
    return 2;
  }
  const unknown = args.filter((a) => !(a in CLEAR_FLAGS));
  const clears = [...new Set(args.filter((a): a is keyof typeof CLEAR_FLAGS => a in CLEAR_FLAGS))];
  if (unknown.length || clears.length > 1) {
    err(
      `Usage: npm run deploy [-- --clear-guild | --clear-global]${unknown.length ? ` (unknown: ${unknown.join(' ')})` : ''}`,
    );
    return 2;
  }
  const clear = clears[0];
  if (clear) {
    const which = CLEAR_FLAGS[clear];
    if (which === 'guild' && !guildId) {
      err('--clear-guild removes the commands of the server in DISCORD_GUILD_ID: set it first.');
      return 2;
    }
    const result = await clearCommands({ token, appId, guildId, apiUrl }, which);
    logger.info(result, 'commands removed');
    out(
      result.removed.length
        ? `Removed ${list(result.removed)} (${result.scope}).`
        : `There were no commands registered (${result.scope}).`,
    );
    return 0;
  }
  const commands = await loadCommands();
  const result = await deployCommands({ token, appId, guildId, apiUrl, commands });
  logger.info(result, 'commands deployed');
  out(`Registered ${list(result.names)} (${result.scope}).`);
  if (result.duplicates.length) {
    logger.warn(
      { duplicates: result.duplicates, guildId },
      'commands registered both globally and in the server',
    );
    err(
      `WARNING: ${list(result.duplicates)} ${result.duplicates.length === 1 ? 'is' : 'are'} registered both globally and in server ${guildId}, so members there see ${result.duplicates.length === 1 ? 'it' : 'each'} twice.\n` +
        `  Keep one set: npm run deploy -- --clear-global removes the global commands (development: the server's set stays),\n` +
        `  or npm run deploy -- --clear-guild removes this server's (production: the global set stays).`,
    );
  } else if (result.checkError) {
    err(`Note: could not read the global commands to check for duplicates (${result.checkError}).`);
  }
  return 0;
}
