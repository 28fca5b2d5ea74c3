import { openDatabase } from '../src/articles/database.js';
const db = openDatabase('/tmp/exp.db');
const now = 1_780_000_000_000; const since = now - 24 * 3_600_000;
const t = (label: string, f: () => unknown) => { const t0 = performance.now(); let r: unknown; for (let i = 0; i < 10; i++) r = f(); console.log(label, ((performance.now() - t0) / 10).toFixed(2), 'ms', String(JSON.stringify(r)).slice(0, 60)); };
for (const w of ['protest', 'budget', 'harbour']) {
  t(`${w} count`, () => db.prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`).pluck().get(w));
  t(`${w} window floor scan`, () => db.prepare(`SELECT articles_fts.rowid FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND a.published_at >= ? ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET 99`).pluck().get(w, since));
  t(`${w} window count`, () => db.prepare(`SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND a.published_at >= ?`).pluck().get(w, since));
  t(`${w} rowids only`, () => db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).pluck().all(w).length);
  t(`${w} window ids`, () => db.prepare(`SELECT id FROM articles a WHERE coalesce(published_at, fetched_at) >= ? AND published_at >= ?`).pluck().all(since, since).length);
}
