import type { NewArticle } from '../../articles/article.js';
import { sourceFromUrl } from '../../articles/url-key.js';
import { cleanArticleText } from '../../extract/clean.js';
import { matchLeadingDate, parseDate } from '../../extract/dates.js';
import { ArticleParseError } from '../../extract/parse-html.js';
import { splitFrontMatter } from './front-matter.js';

/** Options for {@link parseTextArticle}. */
export interface ParseTextOptions {
  /** Source name when the front matter has none and gives no URL. */
  fallbackSource: string;
  /** Treat the text as Markdown (strip its syntax). */
  markdown?: boolean;
}

/** A first line longer than this is the start of the text, not a headline. */
const MAX_HEADLINE_CHARS = 160;
const MAX_CAPTION_CHARS = 120;

/**
 * Reduces Markdown to plain text lines for the cleaner: headings' `#`, emphasis markers, blockquote
 * markers, images, HTML comments and link syntax are removed (link text kept). Line structure is kept.
 */
function markdownToText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/\s+#+\s*$/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s*(?:```|~~~).*$/, '')
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
        .replace(/(^|[\s(])[*_](?=\S)([^*_]+?)(?<=\S)[*_](?=$|[\s).,;:!?])/g, '$1$2'),
    )
    .join('\n');
}

/** A title made from the first sentence when a text has no headline line. */
function titleFromText(line: string): string {
  const sentence = /^.+?[.!?](?=\s+["“‘(]?\p{Lu})/u.exec(line)?.[0] ?? line;
  if (sentence.length <= 120) return sentence.replace(/[.]$/u, '');
  const cut = sentence.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).replace(/[\s,;:]+$/u, '')}…`;
}

/**
 * Parses a plain-text or Markdown article: optional front matter (title, url|link, source,
 * published|date, byline|author, image); then the first non-empty line is the headline (a leading
 * "2005/01/08" on it is taken as the date), unless it is longer than 160 characters, in which case it
 * is body text and the title is its first sentence. An optional date line follows ("Saturday,
 * January 1, 2005", "2021-07-26"); text run on after the date is kept as body. A short caption line
 * between headline and date line is dropped. Throws {@link ArticleParseError} when no title or body.
 */
export function parseTextArticle(text: string, options: ParseTextOptions): NewArticle {
  const { data, content } = splitFrontMatter(text);
  const plain = options.markdown ? markdownToText(content) : content;
  const lines = plain.replace(/\r\n?/g, '\n').split('\n');
  const nonEmpty = () => lines.findIndex((l) => l.trim() !== '');
  if (nonEmpty() < 0 && !data.title) throw new ArticleParseError('empty file');

  let title = data.title?.trim() ?? '';
  let lineDate: number | null = null;
  const first = nonEmpty();
  if (first >= 0) {
    const line = lines[first]!.trim();
    if (title && line.replace(/^#+\s*/, '') === title) lines.splice(first, 1);
    else if (!title && line.length <= MAX_HEADLINE_CHARS) {
      const lead = matchLeadingDate(line);
      title = lead?.rest ? lead.rest : line;
      if (lead?.rest) lineDate = lead.time;
      lines.splice(first, 1);
    } else if (!title) title = titleFromText(line);
  }
  const dated = takeDateLine(lines);
  if (!title) throw new ArticleParseError('no title');
  const body = cleanArticleText(lines.join('\n'), { title });
  if (!body) throw new ArticleParseError('empty body');

  let publishedAt = dated ?? lineDate;
  const published = data.published ?? data.date;
  if (published !== undefined && published !== '') {
    publishedAt = parseDate(published);
    if (publishedAt === null)
      throw new ArticleParseError(`front matter: unreadable published date "${published}"`);
  }
  const url = data.url || data.link || null;
  return {
    title,
    body,
    publishedAt,
    url,
    source: data.source || sourceFromUrl(url) || options.fallbackSource,
    byline: data.byline || data.author || null,
    imageUrl: data.image || null,
  };
}

/** Finds the date line among the first two non-empty lines, removes it (and a caption before it). */
function takeDateLine(lines: string[]): number | null {
  const idx: number[] = [];
  for (let i = 0; i < lines.length && idx.length < 2; i++) if (lines[i]!.trim() !== '') idx.push(i);
  for (const [n, i] of idx.entries()) {
    const lead = matchLeadingDate(lines[i]!);
    if (!lead) continue;
    if (n === 1) {
      const caption = lines[idx[0]!]!.trim();
      if (caption.length > MAX_CAPTION_CHARS || /[.!?:;"”]$/u.test(caption)) return null;
      lines[idx[0]!] = '';
    }
    lines[i] = lead.rest;
    return lead.time;
  }
  return null;
}
