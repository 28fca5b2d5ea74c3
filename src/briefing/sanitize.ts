/**
 * Neutralising text that came from articles or from the model before anyone sees it. Discord would
 * not ping with `allowed_mentions: { parse: [] }`, but the text must not even read as a mention, and
 * no link may appear except the ones we build to the cited articles.
 */

import { escapeMarkdown } from '@discordjs/formatters';
import { truncateText } from './text-tools.js';

const ZWSP = '\u200b';

/** Breaks `@everyone`, `@here`, user/role/channel mentions and slash-command mentions. */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#|\/[\w -]+:)(\d{15,25})>/g, (_m, kind: string) =>
      kind.startsWith('#') ? '#channel' : '@someone',
    )
    .replace(/<(a?):(\w{2,32}):(\d{15,25})>/g, ':$2:');
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+[^\s<>()[\].,;:!?'"]/gi;
const BARE_INVITE = /\b(?:discord(?:app)?\.(?:gg|com\/invite)|dsc\.gg)\/[\w-]+/gi;

/** Removes links: `[text](url)` keeps its text, bare URLs and invite links are dropped. */
export function stripLinks(text: string): string {
  return text
    .replace(/\[([^\]\n]{0,200})\]\(\s*<?[^)\s]*>?(?:\s+"[^"]*")?\s*\)/g, '$1')
    .replace(/<((?:https?:\/\/)[^>\s]+)>/gi, '$1')
    .replace(URL_RE, '')
    .replace(BARE_INVITE, '')
    .replace(/\(\s*\)/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}

/** Terminal escape sequences (CSI such as colours and cursor moves, OSC such as titles and links), whole. */
const TERMINAL_ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u009b[0-?]*[ -/]*[@-~]/g;

/** Control characters and zero-width tricks that make text display differently from what it is. */
export function stripInvisible(text: string): string {
  return text
    .replace(TERMINAL_ESCAPES, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\u200b-\u200d]+/g, '');
}

/** Everything model or article text needs before display: invisible chars, links, mentions, whitespace. */
export function sanitizeText(text: string): string {
  return neutralizeMentions(stripLinks(stripInvisible(text)))
    .replace(/\s+/g, ' ')
    .trim();
}

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
