import { openDatabase } from '../src/articles/database.js';
import { ArticleStore } from '../src/articles/store.js';
import { existsSync } from 'node:fs';
const HOUR = 3_600_000;
const WORDS = ('harbour council election budget court storm flood vaccine school railway bridge strike tariff ' +
  'summit minister protest energy drought wildfire market bank inflation football museum festival hospital ' +
  'airport satellite treaty border refugee pipeline startup reactor glacier volcano earthquake ferry lighthouse').split(' ');
const PLACES = 'Lisbon Oslo Nairobi Lima Hanoi Quito Dakar Perth Tbilisi Riga Accra Bogota Sapporo Tunis Porto'.split(' ');
const pick = <T,>(l: readonly T[], n: number) => l[n % l.length]!;
function article(i: number, now: number) {
  const a = pick(WORDS, i * 7); const b = pick(WORDS, i * 13 + 3); const place = pick(PLACES, i * 11);
  const body = Array.from({ length: 5 }, (_, p) => `${place} officials said on day ${i % 31} that the ${a} plan would affect the ${b} sector, paragraph ${p}, case ${i}.`).join('\n\n');
  return { url: `https://bench.example/${i}`, source: pick(['Wire A', 'Wire B', 'Gazette'], i), title: `${place}: ${a} and ${b} update ${i}`, byline: null, publishedAt: now - (i % (24 * 30)) * HOUR, body, imageUrl: null };
}
const file = '/tmp/exp.db';
const now = 1_780_000_000_000;
const fresh = !existsSync(file);
const db = openDatabase(file);
const store = new ArticleStore({ db, now: () => now });
if (fresh) {
  const insert = db.transaction((from: number, to: number) => { for (let i = from; i < to; i++) store.upsert(article(i, now)); });
  for (let i = 0; i < 100_000; i += 5000) insert(i, i + 5000);
}
const topics = [...WORDS, ...PLACES, ...WORDS.map((w, i) => `${w} ${pick(PLACES, i)}`)];
const times: [number, string][] = [];
for (let round = 0; round < 3; round++) for (const topic of topics) {
  const t0 = performance.now();
  const recent = store.search({ query: topic, since: now - 24 * HOUR, limit: 10 });
  if (!recent.length) store.search({ query: topic, limit: 10 });
  times.push([performance.now() - t0, topic]);
}
const sorted = times.map((t) => t[0]).sort((a, b) => a - b);
console.log('median', sorted[Math.floor(sorted.length / 2)]!.toFixed(2), 'p99', sorted[Math.floor(sorted.length * 0.99)]!.toFixed(2));
console.log(times.sort((a, b) => b[0] - a[0]).slice(0, 8).map(([t, q]) => `${q}:${t.toFixed(1)}`).join(' '));
