import { UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';

export interface ParsedLine {
  commandName: string;
  subcommand: string | null;
  rawOptions: Record<string, string>;
}

const OPTION_START = /(^|\s)([a-z][a-z0-9_-]{0,31}):/g;

function unquote(value: string): string {
  const v = value.trim();
  const m = /^(["'“”])([\s\S]*)\1$/.exec(v) ?? /^“([\s\S]*)”$/.exec(v);
  return m ? (m[2] ?? m[1] ?? '') : v;
}

/**
 * Parses a slash command typed as in Discord: `/news topic:climate change hours:48 length:short`.
 * A value runs until the next ` name:`; quote it ("a:b") to keep a colon-word inside. A bare word right
 * after the command is a subcommand (`/briefing post topic:x`). Returns null for blank and # lines.
 */
export function parseCommandLine(line: string): ParsedLine | null {
  const text = line.trim();
  if (!text || text.startsWith('#')) return null;
  const head = /^\/([\w-]{1,32})(?:\s+|$)/.exec(text);
  if (!head) throw new UserFacingError(msg('console.slash'));
  const commandName = head[1]!.toLowerCase();
  const rest = text.slice(head[0].length);
  const starts = [...rest.matchAll(OPTION_START)].filter((m) => !insideQuotes(rest, m.index));
  const lead = (starts[0] ? rest.slice(0, starts[0].index) : rest).trim();
  let subcommand: string | null = null;
  if (lead) {
    if (!/^[\w-]{1,32}$/.test(lead)) throw new UserFacingError(msg('console.unexpected', { text: lead }));
    subcommand = lead.toLowerCase();
  }
  const rawOptions: Record<string, string> = {};
  starts.forEach((m, i) => {
    const name = m[2]!;
    const from = m.index + m[0].length;
    const to = i + 1 < starts.length ? starts[i + 1]!.index : rest.length;
    if (name in rawOptions) throw new UserFacingError(msg('console.twice', { option: name }));
    rawOptions[name] = unquote(rest.slice(from, to));
  });
  return { commandName, subcommand, rawOptions };
}

function insideQuotes(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return (before.match(/"/g) ?? []).length % 2 === 1;
}
