import { escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import { footerText, noticeText, sourceDetail } from '../briefing/describe.js';
import { neutralizeMentions } from '../briefing/sanitize.js';
import { truncateText } from '../briefing/text-tools.js';
import type { BriefingResult, BriefingSource } from '../briefing/types.js';
import { LIMITS } from './limits.js';

const EMBED_COLOR = 0x2b6cb0;

/** Only http(s) links, with characters that would end a Markdown link encoded. */
export function safeLink(url: string | null): string | null {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return url.replace(/[()<>[\] ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Untrusted text for display: no mention, no Markdown effects, within `max` characters. */
export function displayText(text: string, max: number): string {
  return escapeMarkdown(neutralizeMentions(truncateText(text.replace(/\s+/g, ' ').trim(), max)));
}

function citation(n: number, sources: readonly BriefingSource[]): string {
  const link = safeLink(sources[n - 1]?.url ?? null);
  return link ? `[[${n}]](${link})` : `[${n}]`;
}

function sourceLine(source: BriefingSource, titleMax: number): string {
  const title = displayText(source.title, titleMax).replace(/[[\]]/g, '');
  const link = safeLink(source.url);
  return `\`${source.n}\` ${link ? `[${title}](${link})` : title} — ${displayText(sourceDetail(source), 80)}`;
}

/** Packs lines into as few fields as possible, each within Discord's field value limit. */
function sourceFields(lines: string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.fieldValue) {
      fields.push({ name: fields.length ? 'Sources (continued)' : 'Sources', value: current });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) fields.push({ name: fields.length ? 'Sources (continued)' : 'Sources', value: current });
  return fields.slice(0, LIMITS.fields);
}

function embedSize(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/**
 * The briefing as one Discord embed: headline, bullets ending in linked citations, the cited sources,
 * and a footer. Stays within every embed limit by shortening source titles, then dropping bullets
 * from the end (never cutting a word).
 */
export function briefingEmbed(result: BriefingResult): APIEmbed {
  const { briefing } = result;
  const notice = noticeText(result);
  for (const [titleMax, bulletCount] of [[140, briefing.bullets.length], [70, briefing.bullets.length], [50, Math.max(1, briefing.bullets.length - 2)], [40, 1]] as const) {
    const bullets = briefing.bullets.slice(0, bulletCount).map((b) => `• ${displayText(b.text, 600)} ${b.cites.map((n) => citation(n, briefing.sources)).join('')}`);
    const cited = new Set(briefing.bullets.slice(0, bulletCount).flatMap((b) => b.cites));
    let description = [notice ? `*${escapeMarkdown(notice)}*` : null, ...bullets].filter(Boolean).join('\n');
    if (description.length > LIMITS.description) description = truncateText(description, LIMITS.description);
    const embed: APIEmbed = {
      title: displayText(briefing.headline, LIMITS.title),
      description,
      color: EMBED_COLOR,
      fields: sourceFields(briefing.sources.filter((s) => cited.has(s.n)).map((s) => sourceLine(s, titleMax))),
      footer: { text: truncateText(footerText(result), LIMITS.footer) },
      timestamp: new Date(briefing.generatedAt).toISOString(),
    };
    if (embedSize(embed) <= LIMITS.embedTotal) return embed;
  }
  throw new Error('briefing cannot fit in an embed');
}

/** The full message options for a briefing reply: one embed and no mentions at all. */
export function briefingMessage(result: BriefingResult) {
  return { embeds: [briefingEmbed(result)], allowedMentions: { parse: [] as [] } };
}
