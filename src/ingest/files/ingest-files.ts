import type { ArticleStore } from '../../articles/store.js';
import { ArticleRejectedError } from '../../articles/text-hygiene.js';
import { errorMessage } from '../../errors.js';
import { ArticleParseError } from '../../extract/parse-html.js';
import { emptyTally, tallyResults, type ImportStatus, type ImportTally } from '../tally.js';
import { folderSourceName, walkArticleFiles, type FoundFile } from './file-walk.js';
import { decodeFileBytes, MAX_FILE_BYTES, parseArticleFile } from './parse-file.js';
import { readRegularFile, readRegularFileSync } from './read-file.js';

/** What happened to one file (or one entry of a JSON file). */
export interface FileImportResult {
  path: string;
  /** Entry position, for JSON files holding several articles. */
  index?: number;
  status: ImportStatus;
  articleId?: number;
  title?: string;
  /** Why it failed or was skipped. */
  reason?: string;
}

/** Totals of an import run, with every result. */
export type ImportSummary = ImportTally & { results: FileImportResult[] };

/** Options for {@link importFiles} and {@link importFilesSync}. */
export interface ImportFilesOptions {
  /**
   * Source name for articles whose file names none (no front matter `source`, HTML site name, JSON
   * `source`/feed title, or URL). Default: the name of the folder containing the file.
   */
  fallbackSource?: string;
  /**
   * Store articles as fetched when they were published (when known), so that a backlog, such as the
   * bundled samples, is not "new" to digests.
   */
  backlog?: boolean;
  /** The store's ARTICLE_MAX_CHARS: text files much longer are cut before parsing (default 200,000). */
  maxArticleChars?: number;
}

function failure(path: string, err: unknown): FileImportResult {
  const reason =
    err instanceof ArticleParseError || err instanceof ArticleRejectedError
      ? err.message
      : `error: ${errorMessage(err)}`;
  return { path, status: 'failed', reason };
}

function readError(err: unknown): ArticleParseError {
  return new ArticleParseError(errorMessage(err));
}

/** Parses file bytes and upserts each entry; never throws. */
function store(
  found: FoundFile,
  bytes: Uint8Array,
  target: ArticleStore,
  options: ImportFilesOptions,
): FileImportResult[] {
  const { path } = found;
  try {
    if (bytes.byteLength > MAX_FILE_BYTES)
      throw new ArticleParseError(`file too large (${bytes.byteLength} bytes)`);
    const text = decodeFileBytes(bytes);
    if (text.trim() === '') throw new ArticleParseError('empty file');
    const entries = parseArticleFile(
      path,
      text,
      options.fallbackSource ?? folderSourceName(path),
      options.maxArticleChars,
    );
    const many = entries.length > 1;
    return entries.map((entry): FileImportResult => {
      const index = many ? { index: entry.index } : {};
      if ('error' in entry) return { path, ...index, status: 'failed', reason: entry.error };
      try {
        const input =
          options.backlog && entry.article.publishedAt !== null
            ? { ...entry.article, fetchedAt: entry.article.publishedAt }
            : entry.article;
        const { status, article } = target.upsert(input);
        return { path, ...index, status, articleId: article.id, title: article.title };
      } catch (err) {
        return { ...failure(path, err), ...index };
      }
    });
  } catch (err) {
    return [failure(path, err)];
  }
}

/**
 * Imports articles from files and folders (recursively; see `walkArticleFiles`), yielding one result
 * per file or JSON entry as it goes, so a CLI can print progress. One bad file never stops the run.
 */
export async function* importFiles(
  target: ArticleStore,
  paths: readonly string[],
  options: ImportFilesOptions = {},
): AsyncGenerator<FileImportResult, void, undefined> {
  for (const found of walkArticleFiles(paths)) {
    if (found.skip) {
      yield { path: found.path, ...found.skip };
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readRegularFile(found.path, MAX_FILE_BYTES);
    } catch (err) {
      yield failure(found.path, readError(err));
      continue;
    }
    yield* store(found, bytes, target, options);
  }
}

/** Synchronous {@link importFiles} returning totals; `onResult` sees each result as it happens. */
export function importFilesSync(
  target: ArticleStore,
  paths: readonly string[],
  options: ImportFilesOptions & { onResult?: (result: FileImportResult) => void } = {},
): ImportSummary {
  const summary: ImportSummary = { ...emptyTally(), results: [] };
  for (const found of walkArticleFiles(paths)) {
    let results: FileImportResult[];
    if (found.skip) results = [{ path: found.path, ...found.skip }];
    else {
      try {
        results = store(found, readRegularFileSync(found.path, MAX_FILE_BYTES), target, options);
      } catch (err) {
        results = [failure(found.path, readError(err))];
      }
    }
    tallyResults(results, summary);
    for (const r of results) {
      summary.results.push(r);
      options.onResult?.(r);
    }
  }
  return summary;
}

/** Adds up results collected from {@link importFiles}. */
export function summarizeImport(results: readonly FileImportResult[]): ImportSummary {
  return { ...tallyResults(results), results: [...results] };
}
