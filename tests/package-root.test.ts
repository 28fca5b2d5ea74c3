import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath, packageRoot } from '../src/package-root.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('packageRoot', () => {
  it('is the folder of package.json, from the sources and from the compiled layout alike', () => {
    expect(packageRoot()).toBe(ROOT);
    expect(packageRoot(path.join(ROOT, 'src/briefing/prompt.ts'))).toBe(ROOT);
    expect(packageRoot(path.join(ROOT, 'dist/src/briefing/prompt.js'))).toBe(ROOT);
    expect(packagePath('prompts', 'briefing.md')).toBe(path.join(ROOT, 'prompts/briefing.md'));
  });

  it('stops at the nearest package.json, and says so when there is none', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pkg-root-'));
    mkdirSync(path.join(dir, 'app/dist/src'), { recursive: true });
    writeFileSync(path.join(dir, 'app/package.json'), '{}');
    expect(packageRoot(path.join(dir, 'app/dist/src/x.js'))).toBe(path.join(dir, 'app'));
    expect(() => packageRoot(path.join(dir, 'x.js'))).toThrow(/no package\.json above/);
  });
});
