import { BackupRefusedError, backupDatabase } from '../articles/backup.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

const USAGE =
  'Usage: newsdesk backup <file> [--force]\n' +
  '  a consistent copy of the database (DATA_DIR/newsdesk.db), safe while the bot runs;\n' +
  '  --force replaces an existing <file>\n';

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `newsdesk backup <file> [--force]`: an online copy of the article database (see {@link backupDatabase}). */
export async function runBackupCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  const unknown = files.filter((a) => a.startsWith('--'));
  if (files.length !== 1 || unknown.length) {
    process.stderr.write(unknown.length ? `Unknown option ${unknown.join(', ')}.\n${USAGE}` : USAGE);
    return 2;
  }
  try {
    const result = await backupDatabase(config.databasePath, files[0]!, { force });
    logger.info({ source: config.databasePath, ...result }, 'database backed up');
    process.stdout.write(
      `Backed up ${config.databasePath} to ${result.file}: ${mib(result.bytes)}, ${result.articles} articles, integrity ok (${(result.ms / 1000).toFixed(1)} s).\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof BackupRefusedError)) throw err;
    process.stderr.write(`newsdesk backup: ${err.message}.\n`);
    return 1;
  }
}
