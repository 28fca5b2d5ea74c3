/** Result of {@link splitFrontMatter}. */
export interface FrontMatter {
  /** Lower-case keys with their (unquoted) string values. */
  data: Record<string, string>;
  /** The text after the block (the whole input when there is no block). */
  content: string;
}

const BLOCK = /^(?:\ufeff)?\s*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const PAIR = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.startsWith('"')
      ? v.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\')
      : v.slice(1, -1).replace(/''/g, "'");
  }
  return v;
}

/**
 * Splits an optional YAML-like front-matter block (`---` line, `key: value` lines, `---` line) off the
 * top of a text file. Only flat `key: value` pairs are read (values may be quoted); other lines in the
 * block (comments, nesting) are ignored. Keys are lower-cased.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const m = BLOCK.exec(text);
  if (!m) return { data: {}, content: text.replace(/^\ufeff/, '') };
  const data: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    const pair = PAIR.exec(line.trim());
    if (pair) data[pair[1]!.toLowerCase()] = unquote(pair[2]!);
  }
  return { data, content: text.slice(m[0].length) };
}
