import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/interactions/load-commands.js';

describe('loadCommands', () => {
  it('loads the project’s commands keyed by name', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()]).toContain('news');
    expect(commands.get('news')!.data.toJSON().options?.length).toBe(4);
  });

  it('names the file and the problem when a module is malformed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cmds-'));
    writeFileSync(path.join(dir, 'broken.mjs'), 'export default { data: { name: "x" } };');
    await expect(loadCommands(`${dir}/`)).rejects.toThrow(
      /broken\.mjs: "data" must be a SlashCommandBuilder; "execute" must be a function/,
    );
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
