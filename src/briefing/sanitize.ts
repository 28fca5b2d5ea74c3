/**
 * Neutralising text that came from articles or from the model before anyone sees it. Discord would
 * not ping with `allowed_mentions: { parse: [] }`, but the text must not even read as a mention, and
 * no link may appear except the ones we build to the cited articles.
 */

import { escapeMarkdown } from '@discordjs/formatters';
import { truncateText } from './text-tools.js';

const ZWSP = '\u200b';

/**
 * Breaks `@everyone`, `@here`, user/role/channel mentions and slash-command mentions, whatever the
 * number of digits (Discord would not resolve a short id, but it must not read as a mention either).
 */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`)
    .replace(/<\s*(@\s*[!&]?|#|\/[^<>:\n]{1,100}:)\s*(\d+)\s*>/g, (_m, kind: string) =>
      kind.startsWith('#') ? '#channel' : kind.startsWith('/') ? '/command' : '@someone',
    )
    .replace(/<(a?):(\w{1,32}):(\d+)>/g, ':$2:');
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+[^\s<>()[\].,;:!?'"]/gi;
const BARE_INVITE = /\b(?:discord(?:app)?\.(?:gg|com\/invite)|dsc\.gg)\/[\w-]+/gi;
/** Defanged links as threat reports write them: hxxp://, example[.]com, example(dot)com. */
const DEFANGED =
  /\S*(?:\bh[xX]{2}ps?(?::\/\/|\[:\]\/\/)|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))\S*?(?=[.,;:!?'"”’)]*(?:\s|$))/gi;
/**
 * A bare domain, with or without a path: labels joined by dots ending in a lower-case top-level label
 * ("evil.example/steal", "news.example.co.uk"). "U.S.", "3.5" and "said.The" do not qualify.
 */
const BARE_DOMAIN =
  /(?<![\w@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[a-z]{2,24}\b(?![.-]?\w)(?::\d+)?(?:[/?#][^\s<>()[\]]*[^\s<>()[\].,;:!?'"])?/g;

/**
 * Removes links: `[text](url)` keeps its text; bare URLs, invite links, bare domains ("evil.example/x")
 * and defanged links ("hxxps://…", "example[.]com") are dropped.
 */
export function stripLinks(text: string): string {
  return text
    .replace(/\[([^\]\n]{0,200})\]\(\s*<?[^)\s]*>?(?:\s+"[^"]*")?\s*\)/g, '$1')
    .replace(/<((?:https?:\/\/)[^>\s]+)>/gi, '$1')
    .replace(URL_RE, '')
    .replace(BARE_INVITE, '')
    .replace(DEFANGED, '')
    .replace(BARE_DOMAIN, '')
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
