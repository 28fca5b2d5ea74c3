import { existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** What {@link backupDatabase} made. */
export interface BackupResult {
  /** The copy's full path. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** Articles in the copy (0 when the database has no articles table yet). */
  articles: number;
  /** How long it took, ms. */
  ms: number;
}

/** A backup that was refused before anything was written (the message says why and what to do). */
export class BackupRefusedError extends Error {
  override readonly name = 'BackupRefusedError';
}

/** Every remaining page in one backup step: one read transaction, so the copy is one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the SQLite database at `source` to `target` while other connections (a running bot) may read and
 * write it: SQLite's online backup, all pages in one step under one read transaction, which in WAL mode
 * never blocks the writers and gives a copy of one committed state, WAL contents included. The copy is
 * written beside `target` under a temporary name, checked (`quick_check`), switched to a self-contained
 * single file (rollback journal: no -wal or -shm needed to open it), then renamed into place, so `target`
 * is never a half-written file. Refuses to replace an existing `target` unless `force`.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<BackupResult> {
  const started = performance.now();
  const file = path.resolve(target);
  if (!existsSync(source))
    throw new BackupRefusedError(`there is no database at ${source} (check DATA_DIR) to back up`);
  if (path.resolve(source) === file)
    throw new BackupRefusedError('the backup cannot replace the database itself');
  if (existsSync(file) && !options.force)
    throw new BackupRefusedError(`${file} already exists; choose a new name, or add --force to replace it`);
  if (!existsSync(path.dirname(file)))
    throw new BackupRefusedError(`the folder ${path.dirname(file)} does not exist`);
  const partial = `${file}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  let articles: number;
  try {
    articles = checkCopy(partial);
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
    throw err;
  }
  place(partial, file, options.force ?? false);
  return { file, bytes: statSync(file).size, articles, ms: performance.now() - started };
}

/** Moves the finished copy to its name; without `force` a file that appeared there meanwhile is kept. */
function place(partial: string, file: string, force: boolean): void {
  if (force) {
    renameSync(partial, file);
    return;
  }
  try {
    linkSync(partial, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new BackupRefusedError(
        `${file} already exists; choose a new name, or add --force to replace it`,
        {
          cause: err,
        },
      );
    throw err;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Checks a fresh copy, makes it a single self-contained file, and counts its articles. */
function checkCopy(file: string): number {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new Error(`the copy failed SQLite's quick_check: ${check}`);
    copy.pragma('journal_mode = DELETE');
    const hasArticles = copy
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'")
      .pluck()
      .get();
    return hasArticles ? (copy.prepare('SELECT count(*) FROM articles').pluck().get() as number) : 0;
  } finally {
    copy.close();
  }
}
