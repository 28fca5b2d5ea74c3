import dotenv from 'dotenv';
import { loadConfig, secretValues, type Config } from '../config.js';
import { ConfigError, errorMessage } from '../errors.js';
import { createLogger, scrubSecrets, type Logger } from '../logger.js';

const USAGE = `newsdesk — cited news briefings for Discord

Usage: npx newsdesk <command>

  start                 Connect to Discord when DISCORD_TOKEN is set, else open the local console
  console               The local console: type slash commands as in Discord (or pipe them on stdin)
  deploy [--clear-guild | --clear-global]
                        Register the commands with Discord (in DISCORD_GUILD_ID when set, else globally);
                        --clear-guild / --clear-global remove that set instead (members saw each twice)
  ingest <path|url>... [--feed]
                        Import articles from files and folders (.txt, .md, .html, .json), web pages
                        and feeds (RSS, Atom, JSON Feed); --feed reads every URL as a feed
  articles list [--json] [--limit N]
  articles show <id> [--json]
  articles remove <id>... | --source NAME | --samples [--yes]
                        Remove articles (without --yes, only lists what would go)
  backup <file> [--force]
                        A consistent copy of the database, safe while the bot runs (--force replaces <file>)
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

// Each command's module is imported when that command runs: a one-shot command (backup, articles) does not
// load discord.js, the LLM client and the extraction code it never uses (about half the start-up time).

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
      case 'console': {
        const { runStartCommand } = await import('./start-command.js');
        return await runStartCommand(config, logger, { forceConsole: command === 'console' });
      }
      case 'deploy':
        return await (await import('./deploy-command.js')).runDeployCommand(config, logger, args);
      case 'ingest':
        return await (await import('./ingest-command.js')).runIngestCommand(config, logger, args);
      case 'articles':
        return await (await import('./articles-command.js')).runArticlesCommand(config, logger, args);
      case 'backup':
        return await (await import('./backup-command.js')).runBackupCommand(config, logger, args);
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
