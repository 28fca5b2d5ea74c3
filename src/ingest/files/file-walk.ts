import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { errorMessage } from '../../errors.js';
import { basename, extname, join, resolve, sep } from 'node:path';

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

function readFolder(dir: string, out: FoundFile[]): Dirent[] | null {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    out.push({ path: dir, skip: { status: 'failed', reason: `unreadable folder: ${errorMessage(err)}` } });
    return null;
  }
}

/** What a symbolic link inside the walked folder may be imported as, or why not. */
function checkLink(path: string, root: string): FoundFile {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOENT' ? 'a broken link' : errorMessage(err);
    return { path, skip: { status: 'failed', reason } };
  }
  if (target !== root && !target.startsWith(root + sep))
    return {
      path,
      skip: { status: 'skipped', reason: 'a link to outside the imported folder (not followed)' },
    };
  const stats = statSync(target);
  if (stats.isDirectory())
    return { path, skip: { status: 'skipped', reason: 'a link to a folder (not followed)' } };
  if (!stats.isFile())
    return { path, skip: { status: 'failed', reason: 'not a regular file: a link to a special file' } };
  return checkExtension(path);
}

/**
 * Walks one folder depth-first in name order, without recursion. Links are never followed out of the
 * folder, linked folders never (no loops), and FIFOs, sockets and devices are reported, never opened.
 */
function walkDir(root: string, out: FoundFile[]): void {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const first = readFolder(root, out);
  if (!first) return;
  const stack: { dir: string; entries: Dirent[]; next: number }[] = [{ dir: root, entries: first, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const entry = top.entries[top.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    const path = join(top.dir, entry.name);
    if (entry.isDirectory()) {
      const entries = readFolder(path, out);
      if (entries) stack.push({ dir: path, entries, next: 0 });
    } else if (DOC_FILE.test(entry.name))
      out.push({ path, skip: { status: 'skipped', reason: 'documentation file, not an article' } });
    else if (entry.isSymbolicLink()) out.push(checkLink(path, realRoot));
    else if (entry.isFile()) out.push(checkExtension(path));
    else out.push({ path, skip: { status: 'failed', reason: `not a regular file: ${specialKind(entry)}` } });
  }
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  return 'a device or other special file';
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
