/**
 * Discord markup rendered for a terminal: what a member would see, never the raw syntax. Emphasis
 * becomes ANSI styles on a TTY (plain text otherwise), `<t:…>` timestamps local dates in the style
 * Discord shows, mentions names, masked links "text (url)", and escaped markdown its character.
 */

/** Names for mentions, and how to show styles and dates. */
export interface MarkupContext {
  /** Use ANSI styles (bold, italic, underline…): only when writing to a TTY. */
  ansi: boolean;
  /** The time `<t:…:R>` is relative to (default Date.now()). */
  now?: number;
  /** Time zone and locale of the dates (default: the system's). */
  timeZone?: string;
  locale?: string;
  channelName?(id: string): string | null;
  userName?(id: string): string | null;
  roleName?(id: string): string | null;
}

const STYLE = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  dim: ['\u001b[2m', '\u001b[22m'],
} as const;

type Style = keyof typeof STYLE;

function styled(ctx: MarkupContext, style: Style, text: string): string {
  return ctx.ansi && text ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text;
}

/** Date parts of Discord's timestamp styles (Discord formats them in the reader's locale and zone). */
const TIME_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  t: { hour: 'numeric', minute: '2-digit' },
  T: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  d: { year: 'numeric', month: '2-digit', day: '2-digit' },
  D: { year: 'numeric', month: 'long', day: 'numeric' },
  f: { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  F: {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  },
};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "in 5 minutes", "3 hours ago": the largest unit that fits, as Discord's `R` style shows. */
export function relativeTime(ms: number, now: number, locale?: string): string {
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  const [unit, size] = UNITS.find(([, s]) => abs >= s) ?? ['second', 1];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(Math.round(seconds / size), unit);
}

/** A `<t:UNIX:STYLE>` timestamp as Discord shows it (style f when none); null when it is not a valid date. */
export function formatTimestamp(unix: number, style: string | undefined, ctx: MarkupContext): string | null {
  const ms = unix * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  if (style === 'R') return relativeTime(ms, ctx.now ?? Date.now(), ctx.locale);
  const options = TIME_STYLES[style ?? 'f'];
  if (!options) return null;
  return new Intl.DateTimeFormat(ctx.locale, {
    ...options,
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  }).format(ms);
}

/** One inline rule: a sticky pattern and what its match becomes. */
interface Rule {
  re: RegExp;
  render(m: RegExpExecArray, ctx: MarkupContext, full: boolean): string | null;
}

const inner = (text: string, ctx: MarkupContext) => renderInline(text, ctx, true);

/** Inline rules in Discord's priority order; each pattern is tried at the current position only. */
const RULES: Rule[] = [
  // Escaped markdown: "\*" is a literal asterisk.
  { re: /\\([^A-Za-z0-9\s])/y, render: (m, _ctx, full) => (full ? m[1]! : null) },
  // Code: the content exactly as typed, no further markup.
  { re: /(`+)([\s\S]*?[^`])\1(?!`)/y, render: (m, _ctx, full) => (full ? m[2]!.trim() || m[2]! : null) },
  {
    re: /<t:(-?\d{1,16})(?::([tTdDfFR]))?>/y,
    render: (m, ctx) => formatTimestamp(Number(m[1]), m[2], ctx),
  },
  { re: /<#(\d{1,25})>/y, render: (m, ctx) => `#${ctx.channelName?.(m[1]!) ?? 'unknown-channel'}` },
  { re: /<@&(\d{1,25})>/y, render: (m, ctx) => `@${ctx.roleName?.(m[1]!) ?? 'unknown-role'}` },
  {
    re: /<@!?(\d{1,25}|[a-z][\w-]{0,31})>/y,
    render: (m, ctx) => `@${ctx.userName?.(m[1]!) ?? 'unknown-user'}`,
  },
  { re: /<\/([\w-]+(?: [\w-]+){0,2}):\d{1,25}>/y, render: (m) => `/${m[1]!}` },
  { re: /<a?:(\w{1,32}):\d{1,25}>/y, render: (m) => `:${m[1]!}:` },
  // A link with its embed suppressed.
  { re: /<(https?:\/\/[^\s>]+)>/y, render: (m) => m[1]! },
  {
    re: /\[((?:\\[\s\S]|[^\\\]\n])+)\]\(\s*<?(https?:\/\/[^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/y,
    render: (m, ctx, full) => {
      if (!full) return null;
      const text = inner(m[1]!, ctx);
      return text === m[2] ? m[2] : `${text} (${m[2]!})`;
    },
  },
  {
    re: /\*\*((?:\\[\s\S]|[^\\])+?)\*\*(?!\*)/y,
    render: (m, ctx, f) => (f && styled(ctx, 'bold', inner(m[1]!, ctx))) || null,
  },
  {
    re: /__((?:\\[\s\S]|[^\\])+?)__(?!_)/y,
    render: (m, ctx, f) => (f && styled(ctx, 'underline', inner(m[1]!, ctx))) || null,
  },
  {
    re: /\*(?=\S)((?:\*\*|\\[\s\S]|\s+(?:\\[\s\S]|[^\s*\\]|\*\*)|[^\s*\\])+?)\*(?!\*)/y,
    render: (m, ctx, f) => (f && styled(ctx, 'italic', inner(m[1]!, ctx))) || null,
  },
  {
    re: /_((?:__|\\[\s\S]|[^\\_])+?)_(?![A-Za-z0-9_])/y,
    render: (m, ctx, f) => (f && styled(ctx, 'italic', inner(m[1]!, ctx))) || null,
  },
  {
    re: /~~((?:\\[\s\S]|[^\\])+?)~~/y,
    render: (m, ctx, f) => (f && styled(ctx, 'strike', inner(m[1]!, ctx))) || null,
  },
  { re: /\|\|((?:\\[\s\S]|[^\\])+?)\|\|/y, render: (m, ctx, f) => (f ? inner(m[1]!, ctx) : null) },
];

const SPECIAL = new Set(['\\', '`', '<', '[', '*', '_', '~', '|']);

/**
 * Inline markup of one block. `full` false: only timestamps, mentions, emoji and escapes (for text we
 * wrote around untrusted names, where an asterisk is just an asterisk).
 */
function renderInline(text: string, ctx: MarkupContext, full: boolean): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    let done = false;
    // An underscore inside a word (snake_case) is not emphasis.
    if (SPECIAL.has(ch) && !(ch === '_' && i > 0 && /[A-Za-z0-9]/.test(text[i - 1]!))) {
      for (const rule of RULES) {
        rule.re.lastIndex = i;
        const m = rule.re.exec(text);
        if (!m) continue;
        const rendered = rule.render(m, ctx, full);
        if (rendered === null) continue;
        out += rendered;
        i += m[0].length;
        done = true;
        break;
      }
    }
    if (!done) {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** One line outside code blocks: headings, subtext, quotes and list bullets, then its inline markup. */
function renderLine(line: string, ctx: MarkupContext, quoted: boolean): string {
  const prefix = quoted ? '│ ' : '';
  const heading = /^(#{1,3}) +(\S.*)$/.exec(line);
  if (heading) return prefix + styled(ctx, 'bold', renderInline(heading[2]!, ctx, true));
  const subtext = /^-# +(\S.*)$/.exec(line);
  if (subtext) return prefix + styled(ctx, 'dim', renderInline(subtext[1]!, ctx, true));
  const bullet = /^(\s*)[-*] +(\S.*)$/.exec(line);
  if (bullet) return `${prefix}${bullet[1]!}• ${renderInline(bullet[2]!, ctx, true)}`;
  return prefix + renderInline(line, ctx, true);
}

/** Renders Discord markup (a message's content, an embed's text) for a terminal. */
export function renderMarkup(text: string, ctx: MarkupContext): string {
  const out: string[] = [];
  // Fenced code blocks are shown as they are, without the fences.
  const parts = text.split(/```(?:[\w+-]*\n)?([\s\S]*?)```/);
  let quoteRest = false;
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      out.push(part.replace(/\n$/, ''));
      return;
    }
    const lines = part.split('\n').map((line) => {
      if (quoteRest) return renderLine(line, ctx, true);
      const multi = /^>>> ?(.*)$/.exec(line);
      if (multi) {
        quoteRest = true;
        return renderLine(multi[1]!, ctx, true);
      }
      const quote = /^> ?(.*)$/.exec(line);
      return quote && line !== '>' ? renderLine(quote[1]!, ctx, true) : renderLine(line, ctx, false);
    });
    out.push(lines.join('\n'));
  });
  return out.join('');
}

/** Only timestamps, mentions, emoji and escapes: for lines we build around untrusted names. */
export function renderTokens(text: string, ctx: MarkupContext): string {
  return renderInline(text, ctx, false);
}
