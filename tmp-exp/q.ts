import { openDatabase } from '../src/articles/database.js';
const db = openDatabase('/tmp/exp.db');
const now = 1_780_000_000_000; const since = now - 24 * 3_600_000;
const t = (label: string, f: () => unknown) => { const t0 = performance.now(); let r: unknown; for (let i = 0; i < 5; i++) r = f(); console.log(label, ((performance.now() - t0) / 5).toFixed(2), 'ms', JSON.stringify(r).slice(0, 80)); };
for (const w of ['budget', 'lisbon', 'harbour']) {
  t(`${w} count`, () => db.prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`).pluck().get(w));
  t(`${w} bm25 all`, () => db.prepare(`SELECT rowid, -bm25(articles_fts,4,2,1) r FROM articles_fts WHERE articles_fts MATCH ? ORDER BY r DESC LIMIT 1000`).all(w).length);
  t(`${w} since join`, () => db.prepare(`SELECT a.id, -bm25(articles_fts,4,2,1) r FROM articles_fts JOIN articles a ON a.id=articles_fts.rowid WHERE articles_fts MATCH ? AND a.published_at >= ? ORDER BY r DESC LIMIT 1000`).all(w, since).length);
  t(`${w} window ids`, () => db.prepare(`SELECT count(*) FROM articles a WHERE coalesce(published_at, fetched_at) >= ? AND published_at >= ?`).pluck().get(since, since));
  t(`${w} rowid-in window`, () => db.prepare(`SELECT rowid, -bm25(articles_fts,4,2,1) r FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (SELECT id FROM articles a WHERE coalesce(published_at, fetched_at) >= ? AND published_at >= ?) ORDER BY r DESC LIMIT 1000`).all(w, since, since).length);
  t(`${w} newest 2000 by rowid`, () => db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 2000`).all(w).length);
}
