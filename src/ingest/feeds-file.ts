import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../config.js';

/** One operator feed from FEEDS_FILE. */
export interface OperatorFeed {
  url: string;
  topic: string | null;
  intervalMs: number | null;
}

const entry = z.union([
  z.string(),
  z.object({ url: z.string(), topic: z.string().optional(), interval: z.string().optional() }).strict(),
]);
const file = z.union([z.array(entry), z.object({ feeds: z.array(entry) }).strict()]);

/** Where the operator's feed list is: FEEDS_FILE, else DATA_DIR/feeds.json, else ./feeds.json; null when none exists. */
export function findFeedsFile(
  setting: string | undefined,
  dataDir: string,
  cwd = process.cwd(),
): string | null {
  if (setting) return path.resolve(cwd, setting);
  for (const candidate of [path.join(dataDir, 'feeds.json'), path.join(cwd, 'feeds.json')])
    if (existsSync(candidate)) return candidate;
  return null;
}

/**
 * Reads the operator's feed list: `{"feeds": [{"url": "...", "topic": "...", "interval": "30m"}]}` (or
 * just the array; an entry may be a bare URL string). Throws listing every bad entry.
 */
export function readFeedsFile(filePath: string, minIntervalMs: number): OperatorFeed[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (err) {
    throw new Error(
      `${filePath}: ${err instanceof SyntaxError ? `invalid JSON (${err.message})` : 'cannot be read'}`,
      { cause: err },
    );
  }
  const parsed = file.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${filePath}: expected {"feeds": [{"url": "https://…", "topic": "…", "interval": "30m"}]} (${parsed.error.issues[0]?.message ?? 'bad shape'} at ${parsed.error.issues[0]?.path.join('.') || 'top level'})`,
    );
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.feeds;
  const problems: string[] = [];
  const feeds = list.flatMap((e, i): OperatorFeed[] => {
    const item = typeof e === 'string' ? { url: e } : e;
    if (!/^https?:\/\/\S+$/i.test(item.url)) {
      problems.push(`feeds[${i}]: "${item.url}" is not an http(s) URL`);
      return [];
    }
    let intervalMs: number | null = null;
    if ('interval' in item && item.interval) {
      intervalMs = parseDuration(item.interval);
      if (intervalMs === null || intervalMs < minIntervalMs) {
        problems.push(
          `feeds[${i}]: interval "${item.interval}" must be a duration of at least ${minIntervalMs / 60_000} minutes, e.g. 30m`,
        );
        return [];
      }
    }
    return [{ url: item.url, topic: ('topic' in item && item.topic) || null, intervalMs }];
  });
  if (problems.length) throw new Error(`${filePath}:\n  ${problems.join('\n  ')}`);
  return feeds;
}
