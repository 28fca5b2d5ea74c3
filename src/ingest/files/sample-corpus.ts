import { existsSync } from 'node:fs';
import { packagePath } from '../../package-root.js';
import type { ArticleStore } from '../../articles/store.js';
import { emptyTally, type ImportTally } from '../tally.js';
import { importFilesSync } from './ingest-files.js';
import { folderSourceName, walkArticleFiles } from './file-walk.js';
import { decodeFileBytes, MAX_FILE_BYTES, parseArticleFile } from './parse-file.js';
import { readRegularFileSync } from './read-file.js';

/** Minimal logger shape (a pino logger fits). */
export interface SampleCorpusLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Outcome of {@link importSampleCorpusIfEmpty}; all zero with `imported: false` when the store had articles. */
export type SampleCorpusResult = { imported: boolean } & Omit<ImportTally, 'skipped'>;

/** The counts a sample import reports (a bundled folder holds nothing to skip but its attribution). */
function withoutSkipped({ added, updated, unchanged, failed }: ImportTally): Omit<ImportTally, 'skipped'> {
  return { added, updated, unchanged, failed };
}

/**
 * The bundled `samples/articles` folder beside package.json (found from this module's own location, so
 * from `src/` under tsx as well as from the compiled `dist/`), never from `process.cwd()`; null when absent.
 */
export function sampleCorpusDir(): string | null {
  const dir = packagePath('samples', 'articles');
  return existsSync(dir) ? dir : null;
}

/**
 * Imports the bundled sample articles (21: 20 Wikinews texts and the founding sample), but only when
 * the store is empty, so an operator's own corpus is never mixed with samples. Synchronous.
 */
export function importSampleCorpusIfEmpty(
  store: ArticleStore,
  logger?: SampleCorpusLogger,
): SampleCorpusResult {
  const none: SampleCorpusResult = { imported: false, ...withoutSkipped(emptyTally()) };
  if (store.count() > 0) return none;
  const dir = sampleCorpusDir();
  if (!dir) {
    logger?.warn({}, 'sample corpus folder samples/articles not found; starting with an empty store');
    return none;
  }
  // As a backlog: stored as of publication, so the samples never read as news to a digest.
  const summary = importFilesSync(store, [dir], { backlog: true });
  // Marked, so that a Discord start finds and removes them (an operator's own import is never marked).
  store.markSamples(summary.results.flatMap((r) => (r.status === 'added' ? [r.articleId!] : [])));
  for (const r of summary.results) {
    if (r.status === 'failed')
      logger?.warn({ path: r.path, reason: r.reason }, 'sample article not imported');
  }
  logger?.info(
    { dir, added: summary.added, failed: summary.failed },
    'imported sample corpus into the empty article store',
  );
  return { imported: true, ...withoutSkipped(summary) };
}

/**
 * The title and source of every bundled sample article, parsed from the bundled files exactly as the
 * import parses them: how a store recognises samples, including ones imported by an older version.
 */
export function sampleArticleKeys(dir = sampleCorpusDir()): { title: string; source: string }[] {
  if (!dir) return [];
  const keys: { title: string; source: string }[] = [];
  for (const found of walkArticleFiles([dir])) {
    if (found.skip) continue;
    try {
      const text = decodeFileBytes(readRegularFileSync(found.path, MAX_FILE_BYTES));
      for (const entry of parseArticleFile(found.path, text, folderSourceName(found.path)))
        if (!('error' in entry)) keys.push({ title: entry.article.title, source: entry.article.source });
    } catch {
      // A bundled file that does not parse was never imported either.
    }
  }
  return keys;
}

/**
 * The ids of the bundled sample articles in this store (the console's demo data, which a Discord bot
 * never serves): the ones the console imported, and, in a database upgraded from a version that did
 * not mark them, the articles with a bundled sample's title and source.
 */
export function storedSampleIds(
  store: Pick<ArticleStore, 'sampleIds' | 'mayHoldUnmarkedSamples' | 'idsByTitleAndSource'>,
): number[] {
  const ids = new Set(store.sampleIds());
  if (store.mayHoldUnmarkedSamples())
    for (const id of store.idsByTitleAndSource(sampleArticleKeys())) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}
