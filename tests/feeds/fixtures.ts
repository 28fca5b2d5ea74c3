import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/fixtures/feeds/rss-parser: the 15 rss-parser input feeds and rss-parser's expected outputs. */
export const RSS_PARSER_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/feeds/rss-parser',
);

/** Names of the input feeds. */
export function rssParserInputs(): string[] {
  return readdirSync(path.join(RSS_PARSER_DIR, 'input')).sort();
}

/** The raw bytes of one input feed. */
export function rssParserInput(name: string): Buffer {
  return readFileSync(path.join(RSS_PARSER_DIR, 'input', name));
}

/** An item as rss-parser outputs it (only the fields the tests read). */
export interface RssParserItem {
  title?: string;
  link?: string;
  isoDate?: string;
  pubDate?: string;
  guid?: string;
  id?: string;
  creator?: string;
  author?: string;
  categories?: (string | { _: string })[];
  contentSnippet?: string;
  'content:encodedSnippet'?: string;
}

/** rss-parser's expected output for an input feed. */
export function rssParserExpected(name: string): { title?: string; link?: string; items: RssParserItem[] } {
  const file = path.join(RSS_PARSER_DIR, 'expected-rss-parser-output', name.replace(/\.\w+$/, '.json'));
  return (
    JSON.parse(readFileSync(file, 'utf8')) as {
      feed: { title?: string; link?: string; items: RssParserItem[] };
    }
  ).feed;
}
