import type { ArticleStore } from '../articles/store.js';
import type { FeedRegistry } from './feed-registry.js';

/**
 * Removes these articles, and forgets the feed items stored as them (an item still in its feed is stored
 * again, as new, at a later poll). Returns how many were removed.
 */
export function removeArticles(
  parts: { store: Pick<ArticleStore, 'remove'>; registry: Pick<FeedRegistry, 'forgetArticles'> },
  ids: readonly number[],
): number {
  const removed = parts.store.remove(ids);
  parts.registry.forgetArticles(ids);
  return removed;
}
