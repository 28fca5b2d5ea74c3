#!/usr/bin/env node
// Runs the compiled bot (dist/, made by `npm run build`; `npm ci` builds it through the `prepare` script).
// `npm run dev` and bin/newsdesk-dev.js run the TypeScript sources through tsx instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.join(root, 'dist/src/cli/run.js');

if (!existsSync(entry)) {
  console.error(
    'newsdesk is not built yet (no dist/): run `npm run build` first, or `npm run dev` to run the sources.',
  );
  process.exit(1);
}

/** A .ts file under `dir` changed after `since` (ms), or null. */
function newerSource(dir, since) {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (statSync(file).mtimeMs > since) return file;
  }
  return null;
}

// In a checkout, say so when the sources changed after the build (e.g. after `git pull` without `npm ci`).
const builtAt = statSync(entry).mtimeMs;
const changed =
  newerSource(path.join(root, 'src'), builtAt) ?? newerSource(path.join(root, 'commands'), builtAt);
if (changed)
  console.error(
    `newsdesk: ${path.relative(root, changed)} changed after the last build; running the build in dist/ (run \`npm run build\` to include the change).`,
  );

await import(pathToFileURL(entry).href);
