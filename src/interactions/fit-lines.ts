import { LIMITS } from './limits.js';
import { t } from '../i18n/index.js';

/** Lines joined up to Discord's content limit, then "…and N more" (in `locale`'s language). */
export function fitLines(
  lines: readonly string[],
  footer = '',
  max: number = LIMITS.content,
  separator = '\n',
  locale?: string,
): string {
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const more = rest ? `\n${t(locale, 'list.more', { count: rest })}` : '';
    if ([...out, line].join(separator).length + more.length + footer.length > max) {
      return `${out.join(separator)}\n${t(locale, 'list.more', { count: lines.length - i })}${footer}`;
    }
    out.push(line);
  }
  return `${out.join(separator)}${footer}`;
}
