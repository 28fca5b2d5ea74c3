import { escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import { footerText, noticeText, sourceDetail } from '../briefing/describe.js';
import { truncateText } from '../briefing/text-tools.js';
import type { BriefingResult, BriefingSource } from '../briefing/types.js';
import { LIMITS } from '../interactions/limits.js';
import { safeText } from '../briefing/sanitize.js';
import { t } from '../i18n/index.js';

const EMBED_COLOR = 0x2b6cb0;

/** Longest link we embed; a longer one is shown without a link rather than breaking field limits. */
const MAX_LINK = 512;

/** Only http(s) links of reasonable length, with characters that would end a Markdown link encoded. */
export function safeLink(url: string | null): string | null {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  const encoded = url.replace(
    /[()<>[\] ]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return encoded.length <= MAX_LINK ? encoded : null;
}

function citation(n: number, sources: readonly BriefingSource[]): string {
  const link = safeLink(sources[n - 1]?.url ?? null);
  return link ? `[[${n}]](${link})` : `[${n}]`;
}

function sourceLine(source: BriefingSource, titleMax: number, locale?: string): string {
  const title = safeText(source.title, titleMax).replace(/[[\]]/g, '');
  const link = safeLink(source.url);
  return `\`${source.n}\` ${link ? `[${title}](${link})` : title} — ${safeText(sourceDetail(source, locale), 80)}`;
}

/** Packs lines into as few fields as possible, each within Discord's field value limit. */
function sourceFields(lines: string[], locale?: string): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const name = () => t(locale, fields.length ? 'briefing.sourcesContinued' : 'briefing.sources');
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.fieldValue) {
      fields.push({ name: name(), value: current });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) fields.push({ name: name(), value: current });
  return fields.slice(0, LIMITS.fields);
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * The briefing as one Discord embed: headline, bullets ending in linked citations, the cited sources,
 * and a footer. Stays within every embed limit by shortening source titles, then dropping bullets
 * from the end (never cutting a word). Its labels, notice and footer are in `locale`'s language
 * (English when none).
 */
export function briefingEmbed(result: BriefingResult, locale?: string): APIEmbed {
  const { briefing } = result;
  const notice = noticeText(result, locale);
  for (const [titleMax, bulletCount] of [
    [140, briefing.bullets.length],
    [70, briefing.bullets.length],
    [50, Math.max(1, briefing.bullets.length - 2)],
    [40, 1],
  ] as const) {
    const lines = [notice ? `*${escapeMarkdown(notice)}*` : null].filter((l): l is string => l !== null);
    const shown = [];
    for (const b of briefing.bullets.slice(0, bulletCount)) {
      const text = `• ${safeText(b.text, 600)} `;
      const linked = `${text}${b.cites.map((n) => citation(n, briefing.sources)).join('')}`;
      // Many long links would not fit: then the numbers alone (the Sources field links them).
      const line = linked.length <= 1_200 ? linked : `${text}${b.cites.map((n) => `[${n}]`).join('')}`;
      if ([...lines, line].join('\n').length > LIMITS.description) break;
      lines.push(line);
      shown.push(b);
    }
    const cited = new Set(shown.flatMap((b) => b.cites));
    const description = lines.join('\n');
    const embed: APIEmbed = {
      title: safeText(briefing.headline, LIMITS.title),
      description,
      color: EMBED_COLOR,
      fields: sourceFields(
        briefing.sources.filter((s) => cited.has(s.n)).map((s) => sourceLine(s, titleMax, locale)),
        locale,
      ),
      footer: { text: truncateText(footerText(result, locale), LIMITS.footer) },
      timestamp: new Date(briefing.generatedAt).toISOString(),
    };
    if (embedSize(embed) <= LIMITS.embedTotal) return embed;
  }
  throw new Error('briefing cannot fit in an embed');
}

/** The full message options for a briefing reply: one embed and no mentions at all. */
export function briefingMessage(result: BriefingResult, locale?: string) {
  return { embeds: [briefingEmbed(result, locale)], allowedMentions: { parse: [] as [] } };
}
