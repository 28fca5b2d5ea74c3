import dotenv from 'dotenv';
import { loadConfig, secretValues, type Config } from '../config.js';
import { ConfigError, errorMessage } from '../errors.js';
import { createLogger, scrubSecrets, type Logger } from '../logger.js';
import { runArticlesCommand } from './articles-command.js';
import { runIngestCommand } from './ingest-command.js';
import { runDeployCommand } from './deploy-command.js';
import { runStartCommand } from './start-command.js';

const USAGE = `newsdesk — cited news briefings for Discord

Usage: npx newsdesk <command>

  start                 Connect to Discord when DISCORD_TOKEN is set, else open the local console
  console               The local console: type slash commands as in Discord (or pipe them on stdin)
  deploy                Register the slash commands with Discord (in DISCORD_GUILD_ID when set, else globally)
  ingest <path|url>... [--feed]
                        Import articles from files and folders (.txt, .md, .html, .json), web pages
                        and feeds (RSS, Atom, JSON Feed); --feed reads every URL as a feed
  articles list [--json] [--limit N]
  articles show <id> [--json]
  articles remove <id>... | --source NAME | --samples [--yes]
                        Remove articles (without --yes, only lists what would go)
  help                  This text

Settings come from the environment and .env (see .env.example).`;

/** Reads .env and validates the settings; prints every problem and exits when they are wrong. */
function configOrExit(): Config {
  dotenv.config({ quiet: true });
  try {
    return loadConfig(process.env, process.cwd(), { checkFiles: true });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `${err.message}\nFix these in .env or the environment (see .env.example), then try again.\n`,
      );
      process.exit(2);
    }
    throw err;
  }
}

/** Entry point of the `newsdesk` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = configOrExit();
  const secrets = secretValues(config);
  const interactiveDefault =
    command === 'start' && !config.discord.token ? 'warn' : command === 'console' ? 'warn' : 'info';
  const logger: Logger = createLogger({
    level: config.logLevel ?? interactiveDefault,
    secrets,
    pretty: config.logPretty,
  });
  try {
    switch (command) {
      case 'start':
        return await runStartCommand(config, logger, { forceConsole: false });
      case 'console':
        return await runStartCommand(config, logger, { forceConsole: true });
      case 'deploy':
        return await runDeployCommand(config, logger);
      case 'ingest':
        return await runIngestCommand(config, logger, args);
      case 'articles':
        return await runArticlesCommand(config, logger, args);
      default:
        process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    logger.error({ err }, `${command} failed`);
    process.stderr.write(`newsdesk ${command} failed: ${scrubSecrets(errorMessage(err), secrets)}\n`);
    return 1;
  }
}
