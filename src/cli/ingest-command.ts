import { openDatabase } from '../articles/database.js';
import { importFiles, summarizeImport, type FileImportResult } from '../articles/ingest-files.js';
import { ArticleStore } from '../articles/store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

const USAGE = 'Usage: newsdesk ingest <file|folder>...   (.txt, .md, .html, .json; folders are read recursively)\n';

/**
 * `newsdesk ingest <paths...>`: imports files with progress on stderr and a summary at the end. Exits 1
 * when any file failed (the others are still imported).
 */
export async function runIngestCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const paths = args.filter((a) => !a.startsWith('--'));
  if (!paths.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const db = openDatabase(config.databasePath);
  try {
    const store = new ArticleStore({ db });
    const results: FileImportResult[] = [];
    const started = performance.now();
    let lastReport = started;
    const tty = Boolean(process.stderr.isTTY);
    for await (const result of importFiles(store, paths)) {
      results.push(result);
      logger.debug({ path: result.path, status: result.status, reason: result.reason }, 'import result');
      const now = performance.now();
      if (now - lastReport > 1000) {
        lastReport = now;
        const failed = results.filter((r) => r.status === 'failed').length;
        const rate = results.length / ((now - started) / 1000);
        process.stderr.write(`${tty ? '\r' : ''}ingest: ${results.length} files, ${rate.toFixed(0)}/s, ${failed} failed${tty ? '' : '\n'}`);
      }
    }
    const s = summarizeImport(results);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (tty) process.stderr.write('\r\x1b[K');
    for (const r of s.results.filter((x) => x.status === 'failed')) process.stdout.write(`failed   ${r.path}${r.index === undefined ? '' : ` #${r.index}`}: ${r.reason}\n`);
    process.stdout.write(`Added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed}, skipped ${s.skipped} (${seconds} s). ${store.count()} article${store.count() === 1 ? '' : 's'} stored.\n`);
    return s.failed ? 1 : 0;
  } finally {
    db.close();
  }
}
