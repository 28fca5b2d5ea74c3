import type { Article } from '../articles/article.js';
import { openDatabase } from '../articles/database.js';
import { ArticleStore } from '../articles/store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The JSON form of an article for scripts: ISO times, all stored fields. */
export function articleJson(a: Article) {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    source: a.source,
    byline: a.byline,
    publishedAt: iso(a.publishedAt),
    fetchedAt: iso(a.fetchedAt),
    imageUrl: a.imageUrl,
    contentHash: a.contentHash,
    body: a.body,
  };
}

function flag(args: string[], name: string): boolean {
  return args.includes(name);
}

function value(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `newsdesk articles list [--json] [--limit N]` and `newsdesk articles show <id> [--json]`. */
export async function runArticlesCommand(config: Config, _logger: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const db = openDatabase(config.databasePath);
  try {
    const store = new ArticleStore({ db });
    const json = flag(rest, '--json');
    if (sub === 'list') {
      const limitText = value(rest, '--limit') ?? '50';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1) {
        process.stderr.write(`--limit needs a whole number above 0 (got "${limitText}").\n`);
        return 2;
      }
      const articles = store.list({ limit });
      if (json) process.stdout.write(`${JSON.stringify(articles.map(articleJson), null, 2)}\n`);
      else {
        for (const a of articles)
          process.stdout.write(
            `${String(a.id).padStart(5)}  ${(iso(a.publishedAt ?? a.fetchedAt) ?? '').slice(0, 10)}  ${a.source.slice(0, 18).padEnd(18)}  ${a.title}\n`,
          );
        process.stdout.write(`${articles.length} of ${store.count()} articles shown.\n`);
      }
      return 0;
    }
    if (sub === 'show') {
      const idText = rest.find((a) => !a.startsWith('--'));
      const id = Number(idText);
      if (!idText || !Number.isInteger(id)) {
        process.stderr.write(
          'Usage: newsdesk articles show <id> [--json]   (ids are listed by `newsdesk articles list`)\n',
        );
        return 2;
      }
      const article = store.get(id);
      if (!article) {
        process.stderr.write(`No article with id ${id}.\n`);
        return 1;
      }
      if (json) process.stdout.write(`${JSON.stringify(articleJson(article), null, 2)}\n`);
      else
        process.stdout.write(
          `${article.title}\n${article.source}${article.byline ? ` · ${article.byline}` : ''} · ${iso(article.publishedAt) ?? 'date unknown'}\n${article.url ?? ''}\n\n${article.body}\n`,
        );
      return 0;
    }
    process.stderr.write(
      'Usage: newsdesk articles list [--json] [--limit N] | newsdesk articles show <id> [--json]\n',
    );
    return 2;
  } finally {
    db.close();
  }
}
