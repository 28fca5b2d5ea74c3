import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

/** File extensions that can hold articles, lower-case with the dot. */
export const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.json',
]);

/** Files inside folders that describe the folder rather than being articles (README.md, LICENSE...). */
const DOC_FILE =
  /^(?:readme|license|licence|attribution|notice|copying|authors|changelog|contributing)(?:[.-].*)?$/i;

/** A file found by {@link walkArticleFiles}; `skip` says why it is not to be imported. */
export interface FoundFile {
  path: string;
  skip?: { status: 'skipped' | 'failed'; reason: string };
}

function walkDir(dir: string, out: FoundFile[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    out.push({
      path: dir,
      skip: { status: 'failed', reason: `unreadable folder: ${(err as Error).message}` },
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      walkDir(path, out); // symlinked folders are not followed (no loops)
    else if (DOC_FILE.test(entry.name))
      out.push({ path, skip: { status: 'skipped', reason: 'documentation file, not an article' } });
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(checkExtension(path));
  }
}

function checkExtension(path: string): FoundFile {
  const ext = extname(path).toLowerCase();
  if (ARTICLE_EXTENSIONS.has(ext)) return { path };
  const reason = `unsupported extension "${ext || '(none)'}" (supported: ${[...ARTICLE_EXTENSIONS].join(' ')})`;
  return { path, skip: { status: 'failed', reason } };
}

/**
 * Expands files and folders (recursively, sorted, dotfiles and dot-folders skipped) into the files to
 * import. Files with other extensions are reported as failed; README/LICENSE/ATTRIBUTION-style files
 * inside folders as skipped; missing paths as failed.
 */
export function walkArticleFiles(paths: readonly string[]): FoundFile[] {
  const out: FoundFile[] = [];
  for (const given of paths) {
    const path = resolve(given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'not found' : `unreadable: ${(err as Error).message}`;
      out.push({ path, skip: { status: 'failed', reason } });
      continue;
    }
    if (isDir) walkDir(path, out);
    else out.push(checkExtension(path));
  }
  return out;
}

/** Default source name for a file: its parent folder's name ("Local files" at a filesystem root). */
export function folderSourceName(path: string): string {
  return basename(resolve(path, '..')) || 'Local files';
}
