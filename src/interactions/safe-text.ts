import { escapeMarkdown } from '@discordjs/formatters';
import { neutralizeMentions } from '../briefing/sanitize.js';
import { truncateText } from '../briefing/text-tools.js';

/** Markdown characters dropped by the 'strip' style. */
const MARKDOWN_CHARS = /[*_`~|>\\]/g;

/**
 * Untrusted text (article titles, feed errors, names an admin typed) made safe to show in Discord, on
 * one line: no mention, no Markdown effect, at most `max` characters.
 * - 'escape' (default): Markdown characters are escaped, so the text reads as typed; shortened before
 *   escaping until the escaped form fits, never mid-word (escapes add characters).
 * - 'strip': Markdown characters are dropped and the text is cut at `max` with "…"; for short labels
 *   that sit inside our own formatting (the /digest replies and list).
 */
export function safeText(text: string, max: number, style: 'escape' | 'strip' = 'escape'): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (style === 'strip') {
    const out = neutralizeMentions(flat).replace(MARKDOWN_CHARS, '');
    return out.length > max ? `${out.slice(0, max - 1)}…` : out;
  }
  let budget = max;
  for (;;) {
    const out = escapeMarkdown(neutralizeMentions(truncateText(flat, budget)));
    if (out.length <= max || budget <= 1) return out.length <= max ? out : '';
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
  }
}
