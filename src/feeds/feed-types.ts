/** The syntax a feed was written in. */
export type FeedKind = 'rss' | 'rdf' | 'atom' | 'json';

/** One entry of a feed, with every text field already plain text unless named `...Html`. */
export interface FeedItem {
  /** The item's own id: RSS `guid`, Atom `id`, JSON Feed `id`, RSS 1.0 `rdf:about`; null when absent. */
  guid: string | null;
  /** Absolute http(s) link to the article (resolved against xml:base / the feed URL), or null. */
  url: string | null;
  /** Headline as plain text: entities decoded, markup stripped, spaces collapsed ('' when absent). */
  title: string;
  /** Publication (else update) time, epoch ms, or null when absent or unreadable. */
  published: number | null;
  /** Author name(s) as plain text, or null. */
  author: string | null;
  /** The item's summary / description as plain text (paragraphs separated by blank lines), or null. */
  summaryText: string | null;
  /** Full content as HTML (`content:encoded`, Atom `content`, JSON `content_html`), or null. Untrusted. */
  contentHtml: string | null;
  /** Full content as plain text (from `contentHtml`, or JSON `content_text`), or null. */
  contentText: string | null;
  /** Absolute http(s) URL of the item's image (image enclosure, media:content/thumbnail, itunes:image), or null. */
  imageUrl: string | null;
  /** Category / tag names, trimmed, without duplicates. */
  categories: string[];
}

/** A parsed feed. */
export interface ParsedFeed {
  kind: FeedKind;
  /** The feed's title as plain text ('' when absent). */
  title: string;
  /** The site the feed belongs to (RSS `link`, Atom `rel=alternate`, JSON `home_page_url`), absolute, or null. */
  link: string | null;
  items: FeedItem[];
}

/** Options for `parseFeed`. */
export interface ParseFeedOptions {
  /** The URL the feed was fetched from: relative links are resolved against it (after any xml:base). */
  baseUrl?: string;
}
