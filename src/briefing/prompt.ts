import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { packagePath } from '../package-root.js';

/** A prompt file: front matter, a system and a user template, and a version derived from its content. */
export interface PromptTemplate {
  name: string;
  purpose: string;
  output: string;
  /** The JSON Schema of the answer (front matter `schema: |` block), or null when the file has none. */
  schema: unknown;
  /** Short hash of the whole file: changes whenever the prompt text changes. */
  version: string;
  system: string;
  user: string;
  placeholders: string[];
}

/** Folder holding the project's prompt files (beside package.json: the same from src/ and from dist/). */
export const PROMPTS_DIR = packagePath('prompts') + path.sep;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Parses the text of a prompt file; throws with the file name and the problem when malformed. */
export function parsePrompt(text: string, file = 'prompt'): PromptTemplate {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!fm) throw new Error(`${file}: missing front matter (--- name/purpose/output ---)`);
  const meta: Record<string, string> = {};
  let block: string | null = null;
  for (const line of fm[1]!.split('\n')) {
    // `key: |` starts a block: the indented lines after it are its value.
    if (block !== null && /^\s+\S/.test(line)) {
      meta[block] = `${meta[block]}${line.trim()}\n`;
      continue;
    }
    block = null;
    const m = /^([a-z_]+):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    if (m[2] === '|') {
      block = m[1]!;
      meta[block] = '';
    } else meta[m[1]!] = m[2]!;
  }
  for (const key of ['name', 'purpose', 'output']) {
    if (!meta[key]) throw new Error(`${file}: front matter lacks "${key}"`);
  }
  let schema: unknown = null;
  if (meta.schema !== undefined) {
    try {
      schema = JSON.parse(meta.schema);
    } catch {
      throw new Error(`${file}: front matter "schema" is not valid JSON`);
    }
    if (typeof schema !== 'object' || schema === null || (schema as { type?: unknown }).type !== 'object')
      throw new Error(`${file}: front matter "schema" must be a JSON Schema of an object`);
  }
  const body = text.slice(fm[0].length);
  const sections = /^# system\n([\s\S]*?)^# user\n([\s\S]*)$/m.exec(body);
  if (!sections) throw new Error(`${file}: needs a "# system" section followed by a "# user" section`);
  const placeholders = [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
  return {
    name: meta.name!,
    purpose: meta.purpose!,
    output: meta.output!,
    schema,
    version: createHash('sha256').update(text).digest('hex').slice(0, 12),
    system: sections[1]!.trim(),
    user: sections[2]!.trim(),
    placeholders,
  };
}

/**
 * Loads prompts/NAME.md and checks that it uses exactly the variables the code provides and, when
 * `schema` is given, that its front matter states that output schema (so the two cannot drift apart).
 */
export function loadPrompt(
  name: string,
  variables: readonly string[],
  dir = PROMPTS_DIR,
  schema?: unknown,
): PromptTemplate {
  const file = `${dir}${name}.md`;
  const prompt = parsePrompt(readFileSync(file, 'utf8'), file);
  const unknown = prompt.placeholders.filter((p) => !variables.includes(p));
  if (unknown.length)
    throw new Error(`${file}: unknown placeholders ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
  if (schema !== undefined && !isDeepStrictEqual(prompt.schema, schema))
    throw new Error(`${file}: front matter "schema" must state the output schema the code checks`);
  return prompt;
}

/** Fills the placeholders of a template; every placeholder must have a value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {{${key}}}`);
    return value;
  });
}
