import type { Article } from '../articles/article.js';
import { openDatabase } from '../articles/database.js';
import { ArticleStore } from '../articles/store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { FeedRegistry } from '../ingest/feed-registry.js';
import { storedSampleIds } from '../ingest/files/sample-corpus.js';
import { removeArticles } from '../ingest/remove-articles.js';

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

const REMOVE_USAGE =
  'Usage: newsdesk articles remove <id>... | --source NAME | --samples   [--yes]\n' +
  '  Lists what would be removed; add --yes to remove it.\n';

/**
 * `newsdesk articles remove <id>... | --source NAME | --samples [--yes]`: without --yes, only says what
 * would go (count and the first titles) and removes nothing.
 */
function removeCommand(store: ArticleStore, registry: FeedRegistry, args: string[]): number {
  const source = value(args, '--source');
  const samples = flag(args, '--samples');
  const idTexts = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--source');
  const selectors = Number(source !== undefined) + Number(samples) + Number(idTexts.length > 0);
  if (selectors !== 1 || (source !== undefined && !source.trim())) {
    process.stderr.write(REMOVE_USAGE);
    return 2;
  }
  const badIds = idTexts.filter((t) => !/^\d+$/.test(t));
  if (badIds.length) {
    process.stderr.write(
      `Not an article id: ${badIds.join(', ')} (ids are listed by \`newsdesk articles list\`).\n`,
    );
    return 2;
  }
  const ids =
    source !== undefined
      ? store.idsBySource(source)
      : samples
        ? storedSampleIds(store)
        : [...new Set(idTexts.map(Number))];
  const found = ids.map((id) => store.get(id)).filter((a): a is Article => a !== null);
  const what =
    source !== undefined ? `from source "${source}"` : samples ? 'bundled sample' : 'with those ids';
  if (!found.length) {
    process.stdout.write(`No articles ${what} are stored; nothing to remove.\n`);
    return idTexts.length ? 1 : 0;
  }
  const plural = found.length === 1 ? 'article' : 'articles';
  if (!flag(args, '--yes')) {
    for (const a of found.slice(0, 10)) process.stdout.write(`${String(a.id).padStart(5)}  ${a.title}\n`);
    if (found.length > 10) process.stdout.write(`  …and ${found.length - 10} more\n`);
    process.stdout.write(
      `${found.length} ${plural} ${what} would be removed. Nothing was removed: run again with --yes to remove ${found.length === 1 ? 'it' : 'them'}.\n`,
    );
    return 0;
  }
  const removed = removeArticles(
    { store, registry },
    found.map((a) => a.id),
  );
  const missing = idTexts.length ? ids.length - found.length : 0;
  process.stdout.write(
    `Removed ${removed} ${removed === 1 ? 'article' : 'articles'}; ${store.count()} left.${missing ? ` (${missing} of the ids given were not stored.)` : ''}\n`,
  );
  return 0;
}

/** `newsdesk articles list [--json] [--limit N]`, `show <id> [--json]` and `remove …` (see REMOVE_USAGE). */
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
    if (sub === 'remove') return removeCommand(store, new FeedRegistry(db), rest);
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
      `Usage: newsdesk articles list [--json] [--limit N] | newsdesk articles show <id> [--json]\n${REMOVE_USAGE}`,
    );
    return 2;
  } finally {
    db.close();
  }
}
