import { openDatabase } from '../src/articles/database.js';
const db = openDatabase('/tmp/exp.db');
const now = 1_780_000_000_000; const since = now - 24 * 3_600_000;
const t = (label: string, f: () => unknown) => { const t0 = performance.now(); let r: unknown; for (let i = 0; i < 10; i++) r = f(); console.log(label, ((performance.now() - t0) / 10).toFixed(2), 'ms', JSON.stringify(r).slice(0, 60)); };
const cols = 'a.id, a.url, a.url_key, a.source, a.title, a.byline, a.published_at, a.fetched_at, a.body, a.content_hash, a.body_hash, a.image_url';
for (const K of [500, 1000, 2000]) for (const w of ['budget', 'harbour']) {
  const f = (db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`).pluck().get(w, K - 1) as number | undefined) ?? 0;
  t(`K${K} ${w} fts-only scores`, () => db.prepare(`SELECT rowid, -bm25(articles_fts,4,2,1) r, -bm25(articles_fts,1,1,0) h FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY r DESC`).all(w, f).length);
  t(`K${K} ${w} +published`, () => db.prepare(`SELECT a.id, a.published_at, -bm25(articles_fts,4,2,1) r, -bm25(articles_fts,1,1,0) h FROM articles_fts JOIN articles a ON a.id=articles_fts.rowid WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? ORDER BY r DESC`).all(w, f).length);
  t(`K${K} ${w} full cols lim 200`, () => db.prepare(`SELECT ${cols}, -bm25(articles_fts,4,2,1) r, -bm25(articles_fts,1,1,0) h FROM articles_fts JOIN articles a ON a.id=articles_fts.rowid WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? ORDER BY r DESC LIMIT 200`).all(w, f).length);
}
