import { z } from 'zod';
import { parseFeedDate } from './feed-dates.js';
import { FeedParseError } from './feed-parse-error.js';
import type { FeedItem, ParsedFeed } from './feed-types.js';
import { resolveFeedUrl } from './feed-url.js';
import { htmlToText, tidyPlainText } from '../extract/html-text.js';
import { joinNames } from './item-fields.js';

/** A field that is used when it has the right type and ignored otherwise (feeds are untrusted). */
const text = z.string().optional().catch(undefined);
const author = z.object({ name: text }).optional().catch(undefined);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((values) =>
      (values ?? []).flatMap((v) => {
        const r = item.safeParse(v);
        return r.success ? [r.data] : [];
      }),
    );

const jsonItem = z.object({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  summary: text,
  content_html: text,
  content_text: text,
  image: text,
  banner_image: text,
  date_published: text,
  date_modified: text,
  author,
  authors: list(z.object({ name: text })),
  tags: list(z.string()),
  attachments: list(z.object({ url: text, mime_type: text })),
});
const jsonFeed = z.object({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\//),
  title: text,
  home_page_url: text,
  feed_url: text,
  author,
  authors: list(z.object({ name: text })),
  items: z.array(z.unknown()),
});

/** Line and column (1-based) of the `position N` V8 names in a JSON syntax error, when it names one. */
function position(text: string, message: string): { line?: number; column?: number } {
  const at = /position (\d+)/.exec(message);
  if (!at) return {};
  const before = text.slice(0, Number(at[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function plain(value: string | undefined): string | null {
  const t = value === undefined ? '' : tidyPlainText(value);
  return t ? t : null;
}

function jsonItemToFeedItem(
  raw: z.output<typeof jsonItem>,
  base: string | null,
  feedAuthor: string | null,
): FeedItem {
  const contentHtml = raw.content_html?.trim() ? raw.content_html.trim() : null;
  const image =
    raw.image ?? raw.banner_image ?? raw.attachments.find((a) => a.mime_type?.startsWith('image/'))?.url;
  return {
    guid: raw.id === undefined ? null : String(raw.id),
    url: resolveFeedUrl(raw.url, base) ?? resolveFeedUrl(raw.external_url, base),
    title: plain(raw.title)?.replace(/\s+/g, ' ') ?? '',
    published: parseFeedDate(raw.date_published) ?? parseFeedDate(raw.date_modified),
    author: joinNames([raw.author?.name, ...raw.authors.map((a) => a.name)]) ?? feedAuthor,
    summaryText: plain(raw.summary),
    contentHtml,
    contentText: contentHtml ? htmlToText(contentHtml) || null : plain(raw.content_text),
    imageUrl: resolveFeedUrl(image, base),
    categories: [...new Set(raw.tags.map((t) => t.trim()).filter(Boolean))],
  };
}

/** Reads a JSON Feed 1.0 / 1.1 document. Throws FeedParseError for bad JSON or JSON that is not a JSON Feed. */
export function readJsonFeed(text: string, baseUrl: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    throw new FeedParseError('malformed-json', `malformed JSON: ${message}`, position(text, message), {
      cause: err,
    });
  }
  const parsed = jsonFeed.safeParse(data);
  if (!parsed.success) {
    throw new FeedParseError(
      'not-a-feed',
      'JSON but not a JSON Feed (needs "version": "https://jsonfeed.org/version/1.1" and an "items" array)',
    );
  }
  const feed = parsed.data;
  const base =
    resolveFeedUrl(baseUrl, null) ??
    resolveFeedUrl(feed.feed_url, null) ??
    resolveFeedUrl(feed.home_page_url, null);
  const feedAuthor = joinNames([feed.author?.name, ...feed.authors.map((a) => a.name)]);
  const items = feed.items.flatMap((raw) => {
    const item = jsonItem.safeParse(raw);
    return item.success ? [jsonItemToFeedItem(item.data, base, feedAuthor)] : [];
  });
  return {
    kind: 'json',
    title: plain(feed.title) ?? '',
    link: resolveFeedUrl(feed.home_page_url, base),
    items,
  };
}
