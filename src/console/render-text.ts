import type { APIEmbed } from 'discord-api-types/v10';
import { footerText, noticeText, sourceDetail } from '../briefing/describe.js';
import { stripInvisible } from '../briefing/sanitize.js';
import type { BriefingResult } from '../briefing/types.js';
import type { PostPayload } from '../interactions/channel-ops.js';
import type { Reply } from '../interactions/command.js';
import { t } from '../i18n/index.js';
import { renderMarkup, renderTokens, type MarkupContext } from './render-markup.js';

/** Plain text, no styles, system time zone: for tests and piped output. */
export const PLAIN: MarkupContext = { ansi: false };

/**
 * A briefing as terminal text: headline, bullets with [n] citations, numbered sources, footer, the
 * labels in `locale`'s language. Article and model text is printed as it is (it is not markup); the
 * lines we build around it may hold timestamps and mentions, which are rendered.
 */
export function renderBriefingText(
  result: BriefingResult,
  ctx: MarkupContext = PLAIN,
  locale?: string,
): string {
  const { briefing } = result;
  const tokens = (text: string) => renderTokens(text, ctx);
  const notice = noticeText(result, locale);
  const headline = stripInvisible(briefing.headline);
  const lines = [headline, '='.repeat(Math.min(headline.length, 72))];
  if (notice) lines.push(`(${tokens(notice)})`);
  lines.push('');
  for (const b of briefing.bullets)
    lines.push(`• ${stripInvisible(b.text)} ${b.cites.map((n) => `[${n}]`).join('')}`);
  lines.push('', t(locale, 'briefing.sources'));
  for (const s of briefing.sources) {
    lines.push(`[${s.n}] ${stripInvisible(s.title)} — ${tokens(stripInvisible(sourceDetail(s, locale)))}`);
    if (s.url) lines.push(`    ${stripInvisible(s.url)}`);
  }
  lines.push('', `-- ${tokens(footerText(result, locale))}`);
  return lines.join('\n');
}

/** An embed as terminal text: author, title (and its link), description, fields, footer. */
export function renderEmbedText(embed: APIEmbed, ctx: MarkupContext = PLAIN): string {
  const md = (text: string) => renderMarkup(stripInvisible(text), ctx);
  const lines: string[] = [];
  if (embed.author?.name) lines.push(md(embed.author.name));
  if (embed.title) {
    const title = md(embed.title);
    lines.push(title, '='.repeat(Math.min(title.length, 72)));
    if (embed.url) lines.push(stripInvisible(embed.url));
  }
  if (embed.description) lines.push(md(embed.description));
  for (const field of embed.fields ?? []) lines.push('', md(field.name), md(field.value));
  // Discord shows the footer as plain text (no markup, no timestamps): so do we.
  if (embed.footer?.text) lines.push('', `-- ${stripInvisible(embed.footer.text)}`);
  return lines.join('\n');
}

/** A reply as terminal text; Discord markup rendered (bold as ANSI only when `ctx.ansi`). */
export function renderReplyText(reply: Reply, ctx: MarkupContext = PLAIN): string {
  if (reply.kind === 'text') return renderMarkup(stripInvisible(reply.text), ctx);
  const { locale } = reply;
  let text = renderBriefingText(reply.result, ctx, locale);
  // A digest's heading (/digest preview): its name and schedule, what is new since when, as Discord shows it.
  if (reply.digest)
    text = `${renderMarkup(stripInvisible(reply.digest.author), ctx)}\n${renderMarkup(stripInvisible(reply.digest.line), ctx)}\n\n${text}`;
  return reply.ephemeral ? `${text}\n   ${t(locale, 'console.private')}` : text;
}

/** A message as posted in a channel: its line of text, then the briefing or the embeds. */
export function renderPostText(payload: PostPayload, ctx: MarkupContext = PLAIN): string {
  const parts: string[] = [];
  if (payload.content) parts.push(renderMarkup(stripInvisible(payload.content), ctx));
  if (payload.briefing) parts.push(renderBriefingText(payload.briefing, ctx, payload.locale));
  else for (const embed of payload.embeds ?? []) parts.push(renderEmbedText(embed, ctx));
  return parts.join('\n');
}
