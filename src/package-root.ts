import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding newsdesk's package.json, found by walking up from `from` (default: this module).
 * The same answer from the TypeScript sources (`src/`) and from the compiled build (`dist/src/`), so the
 * data folders beside package.json (prompts/, samples/, commands/ in the sources) are found from either.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}: is newsdesk installed whole?`);
    dir = parent;
  }
}

/** A path inside the package root, e.g. `packagePath('prompts')`. */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
