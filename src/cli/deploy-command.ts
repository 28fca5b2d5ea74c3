import type { Config } from '../config.js';
import { deployCommands } from '../discord/deploy.js';
import { loadCommands } from '../interactions/load-commands.js';
import type { Logger } from '../logger.js';

/** `newsdesk deploy`: registers the slash commands (guild-scoped with DISCORD_GUILD_ID, else global). */
export async function runDeployCommand(config: Config, logger: Logger): Promise<number> {
  const { token, appId, guildId, apiUrl } = config.discord;
  if (!token) {
    process.stderr.write(
      'Set DISCORD_TOKEN in .env first (Bot page of your application on https://discord.com/developers/applications).\n',
    );
    return 2;
  }
  const commands = await loadCommands();
  const result = await deployCommands({ token, appId, guildId, apiUrl, commands });
  logger.info(result, 'commands deployed');
  process.stdout.write(`Registered ${result.names.map((n) => `/${n}`).join(', ')} (${result.scope}).\n`);
  return 0;
}
