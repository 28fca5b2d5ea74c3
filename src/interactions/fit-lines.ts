import { LIMITS } from './limits.js';

/** Lines joined up to Discord's content limit, then "…and N more". */
export function fitLines(
  lines: readonly string[],
  footer = '',
  max: number = LIMITS.content,
  separator = '\n',
): string {
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const more = rest ? `\n…and ${rest} more` : '';
    if ([...out, line].join(separator).length + more.length + footer.length > max) {
      return `${out.join(separator)}\n…and ${lines.length - i} more${footer}`;
    }
    out.push(line);
  }
  return `${out.join(separator)}${footer}`;
}
