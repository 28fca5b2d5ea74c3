import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkCommand, type Command } from './command.js';

/** The project's commands/ folder: commands/*.ts from the sources, dist/commands/*.js when compiled. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** Command modules have this module's own extension (.ts from the sources, .js compiled), or .mjs. */
const OWN_EXTENSION = path.extname(fileURLToPath(import.meta.url));

/** A command module, not a declaration, source map or disabled (`_name`) file. */
function isCommandModule(file: string): boolean {
  if (file.startsWith('_') || file.endsWith('.d.ts')) return false;
  return file.endsWith(OWN_EXTENSION) || file.endsWith('.mjs');
}

/**
 * Imports every command module in `dir` (one command per file), checks each default export and keys
 * them by name. Throws naming the file when a module is malformed or two share a name.
 */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter(isCommandModule).sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const full = path.join(dir, file);
    const mod = (await import(pathToFileURL(full).href)) as { default?: unknown };
    const command = checkCommand(mod.default, full);
    const name = command.data.name;
    if (commands.has(name)) throw new Error(`${full}: a command named "${name}" is already defined`);
    commands.set(name, command);
  }
  return commands;
}
