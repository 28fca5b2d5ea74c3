import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

interface ImportEdge {
  file: string;
  spec: string;
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|mjs|js)$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

/** The node a file under src/ belongs to: its top folder, or the file itself when it sits in src/. */
function nodeOf(file: string): string {
  const rel = path.relative(SRC, file);
  const [first, ...rest] = rel.split(path.sep);
  return rest.length ? `${first}/` : first!;
}

function edges(): ImportEdge[] {
  return sourceFiles(SRC).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ file, spec, from: nodeOf(file), to: nodeOf(path.resolve(path.dirname(file), spec)) }))
      .filter((e) => e.from !== e.to),
  );
}

/** Folder cycles, each as the chain of nodes, found by depth-first search. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('architecture', () => {
  it('finds the imports it checks (the scanner is not blind)', () => {
    const all = edges();
    expect(all.length).toBeGreaterThan(50);
    expect(
      specifiers(`import type { A } from './a.js';\nexport { b } from "../b.js";\nawait import('./c.js');`),
    ).toEqual(['./a.js', '../b.js', './c.js']);
  });

  it('has no cycle between the folders (and top-level files) of src/', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges()) {
      if (!graph.has(e.from)) graph.set(e.from, new Set());
      graph.get(e.from)!.add(e.to);
    }
    const found = cycles(graph).map((c) => {
      const witnesses = c.slice(0, -1).map((from, i) => {
        const edge = edges().find((e) => e.from === from && e.to === c[i + 1]);
        return `${path.relative(ROOT, edge!.file)} imports ${edge!.spec}`;
      });
      return `${c.join(' -> ')}\n    ${witnesses.join('\n    ')}`;
    });
    expect(found).toEqual([]);
  });

  it('imports discord.js only under src/discord/', () => {
    const offenders = [...sourceFiles(SRC), ...sourceFiles(path.join(ROOT, 'commands'))]
      .filter((file) => !path.relative(SRC, file).startsWith(`discord${path.sep}`))
      .filter((file) => specifiers(readFileSync(file, 'utf8')).includes('discord.js'))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('keeps the interaction core and the services free of the transports', () => {
    const transports = new Set(['discord/', 'console/']);
    const offenders = edges()
      .filter((e) => !transports.has(e.from) && !['app.ts', 'cli/'].includes(e.from) && transports.has(e.to))
      .map((e) => `${path.relative(ROOT, e.file)} imports ${e.spec}`);
    expect(offenders).toEqual([]);
  });
});
