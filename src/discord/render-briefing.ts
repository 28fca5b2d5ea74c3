import { escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import { footerText, noticeText } from '../briefing/describe.js';
import { truncateText } from '../briefing/text-tools.js';
import type { BriefingResult, BriefingSource } from '../briefing/types.js';
import { LIMITS } from '../interactions/limits.js';
import { safeText } from '../briefing/sanitize.js';
import { t } from '../i18n/index.js';
import { dayMarkup } from '../interactions/timestamps.js';
import type { DigestHeading } from '../interactions/describe-digest.js';

const EMBED_COLOR = 0x2b6cb0;
/** Digests have their own colour, so a digest is told from a /news reply at a glance. */
const DIGEST_COLOR = 0x2f855a;

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

/** "Wikinews, <t:…:d>": the date as Discord timestamp markup, so each reader sees their own format. */
function sourceDetail(source: BriefingSource): string {
  const name = safeText(source.source, 80);
  return source.publishedAt === null ? name : `${name}, ${dayMarkup(source.publishedAt)}`;
}

function sourceLine(source: BriefingSource, titleMax: number): string {
  const title = safeText(source.title, titleMax).replace(/[[\]]/g, '');
  const link = safeLink(source.url);
  return `\`${source.n}\` ${link ? `[${title}](${link})` : title} — ${sourceDetail(source)}`;
}

/** Longest image URL we show as a thumbnail. */
const MAX_IMAGE_URL = 2048;

/**
 * The lead image of the top story, for the thumbnail: the first stored image among the sources of the
 * first bullet (source 1 first), https only; null when none has one.
 */
export function leadImage(result: BriefingResult): string | null {
  const { bullets, sources } = result.briefing;
  const first = bullets[0]?.cites ?? [];
  const order = [...new Set([1, ...first])];
  for (const n of order) {
    const url = sources.find((s) => s.n === n)?.imageUrl;
    if (url && url.length <= MAX_IMAGE_URL && /^https:\/\/[^\s<>"]+$/i.test(url)) return url;
  }
  return null;
}

/** The embed's link: the one article's page when the briefing cites exactly one; else none. */
export function titleLink(result: BriefingResult): string | null {
  const { sources } = result.briefing;
  return sources.length === 1 ? safeLink(sources[0]!.url) : null;
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
    (embed.author?.name.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** How a briefing is shown besides its own content. */
export interface EmbedOptions {
  /** A digest's heading (name and schedule as the embed's author, what is new since when on top). */
  digest?: DigestHeading | undefined;
  /** The language of the labels, notice and footer (see replyLocale in i18n/); absent: English. */
  locale?: string | undefined;
}

/**
 * The briefing as one Discord embed: headline (linked when it cites one article), the top story's
 * image as thumbnail, bullets ending in linked citations, the cited sources, and a footer; a digest's
 * heading on top when given. Stays within every embed limit by shortening source titles, then
 * dropping bullets from the end (never cutting a word). Its labels, notice and footer are in
 * `options.locale`'s language (English when none).
 */
export function briefingEmbed(result: BriefingResult, options: EmbedOptions = {}): APIEmbed {
  const { briefing } = result;
  const { digest, locale } = options;
  const notice = noticeText(result, locale);
  for (const [titleMax, bulletCount] of [
    [140, briefing.bullets.length],
    [70, briefing.bullets.length],
    [50, Math.max(1, briefing.bullets.length - 2)],
    [40, 1],
  ] as const) {
    const lines = [digest ? digest.line : null, notice ? `*${escapeMarkdown(notice)}*` : null].filter(
      (l): l is string => l !== null,
    );
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
      color: digest ? DIGEST_COLOR : EMBED_COLOR,
      ...(digest ? { author: { name: truncateText(digest.author, LIMITS.title) } } : {}),
      fields: sourceFields(
        briefing.sources.filter((s) => cited.has(s.n)).map((s) => sourceLine(s, titleMax)),
        locale,
      ),
      footer: { text: truncateText(footerText(result, locale), LIMITS.footer) },
      timestamp: new Date(briefing.generatedAt).toISOString(),
    };
    const url = titleLink(result);
    if (url) embed.url = url;
    const image = leadImage(result);
    if (image) embed.thumbnail = { url: image };
    if (embedSize(embed) <= LIMITS.embedTotal) return embed;
  }
  throw new Error('briefing cannot fit in an embed');
}

/** The full message options for a briefing reply: one embed and no mentions at all. */
export function briefingMessage(result: BriefingResult, options: EmbedOptions = {}) {
  return { embeds: [briefingEmbed(result, options)], allowedMentions: { parse: [] as [] } };
}
