import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/interactions/load-commands.js';

describe('loadCommands', () => {
  it('loads the project’s commands keyed by name', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()]).toContain('news');
    const news = commands.get('news')!.data.toJSON();
    expect('options' in news && news.options?.length).toBe(4);
  });

  it('names the file and the problem when a module is malformed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cmds-'));
    writeFileSync(path.join(dir, 'broken.mjs'), 'export default { data: { name: "x" } };');
    await expect(loadCommands(`${dir}/`)).rejects.toThrow(
      /broken\.mjs: "data" must be a SlashCommandBuilder or ContextMenuCommandBuilder; "execute" must be a function/,
    );
  });

  it('loads only command modules: its own extension or .mjs, no declarations, maps or _disabled files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cmds-'));
    const mod = (name: string) =>
      `export default { data: { name: "${name}", toJSON() { return { name: "${name}" }; } }, async execute() {} };`;
    writeFileSync(path.join(dir, 'good.mjs'), mod('good'));
    writeFileSync(path.join(dir, '_off.mjs'), mod('off'));
    // From the sources (.ts) a stray compiled .js is not loaded, nor are a declaration and a source map.
    writeFileSync(path.join(dir, 'stale.js'), 'throw new Error("a stale build output was loaded");');
    writeFileSync(path.join(dir, 'types.d.ts'), 'export {};');
    writeFileSync(path.join(dir, 'good.mjs.map'), '{}');
    expect([...(await loadCommands(`${dir}/`)).keys()]).toEqual(['good']);
  });

  it('refuses two commands with the same name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cmds-'));
    const mod =
      'export default { data: { name: "dup", toJSON() { return { name: "dup" }; } }, async execute() {} };';
    writeFileSync(path.join(dir, 'a.mjs'), mod);
    writeFileSync(path.join(dir, 'b.mjs'), mod);
    await expect(loadCommands(`${dir}/`)).rejects.toThrow(/already defined/);
  });
});
