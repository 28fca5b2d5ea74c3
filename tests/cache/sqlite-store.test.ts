import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keyvTestSuite, { keyvIteratorTests } from '@keyv/test-suite';
import Database from 'better-sqlite3';
import { Keyv } from 'keyv';
import * as vitest from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/cache/sqlite-store.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cache-'));
  dirs.push(dir);
  return path.join(dir, 'newsdesk.db');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyv adapter test suite (@keyv/test-suite) on SqliteStore', () => {
  const db = new Database(':memory:');
  const store = (): SqliteStore => new SqliteStore(db);
  keyvTestSuite(vitest, Keyv, store);
  keyvIteratorTests(vitest, Keyv, store);
});

describe('SqliteStore', () => {
  it('keeps entries across closing and reopening the same file', async () => {
    const file = tempFile();
    const first = new Database(file);
    const keyv = new Keyv<{ n: number }>(new SqliteStore(first), { namespace: 'app' });
    await keyv.set('a', { n: 1 });
    await keyv.set('short', { n: 2 }, 50);
    first.close();
    await sleep(80);
    const second = new Database(file);
    const reopened = new Keyv<{ n: number }>(new SqliteStore(second), { namespace: 'app' });
    expect(await reopened.get('a')).toEqual({ n: 1 });
    expect(await reopened.get('short')).toBeUndefined();
    second.close();
  });

  it('reads an expired row as missing even if keyv does not check, and deletes it', async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore(db);
    await store.set('k', 'v', 30);
    expect(await store.get('k')).toBe('v');
    expect(await store.has('k')).toBe(true);
    await sleep(50);
    expect(await store.get('k')).toBeUndefined();
    expect(await store.has('k')).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM keyv_cache').get()).toEqual({ n: 0 });
  });

  it('purges expired rows in bounded batches, leaving live ones', async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore(db, { purgeEvery: 1_000_000, purgeLimit: 3 });
    for (let i = 0; i < 5; i++) await store.set(`dead${i}`, 'x', 1);
    await store.set('live', 'y');
    await store.set('later', 'z', 60_000);
    await sleep(10);
    expect(store.purgeExpired()).toBe(3);
    expect(store.purgeExpired()).toBe(2);
    expect(store.purgeExpired()).toBe(0);
    expect(await store.getMany(['live', 'later', 'dead0'])).toEqual(['y', 'z', undefined]);
  });

  it('purges on its own every purgeEvery writes', async () => {
    const db = new Database(':memory:');
    const store = new SqliteStore(db, { purgeEvery: 4 });
    await store.set('dead', 'x', 1);
    await sleep(10);
    await store.set('a', '1');
    await store.set('b', '2');
    const count = () => (db.prepare('SELECT count(*) AS n FROM keyv_cache').get() as { n: number }).n;
    expect(count()).toBe(3);
    await store.set('c', '3');
    expect(count()).toBe(3);
  });

  it('clear() removes only its own namespace, never other tables or namespaces', async () => {
    const db = new Database(':memory:');
    db.exec(
      "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO articles (title) VALUES ('x')",
    );
    const a = new Keyv(new SqliteStore(db), { namespace: 'a' });
    const ab = new Keyv(new SqliteStore(db), { namespace: 'a_b' });
    const b = new Keyv(new SqliteStore(db), { namespace: 'b' });
    await a.set('k', 1);
    await ab.set('k', 2);
    await b.set('k', 3);
    await a.clear();
    expect(await a.get('k')).toBeUndefined();
    expect(await ab.get('k')).toBe(2);
    expect(await b.get('k')).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 1 });
  });

  it('namespaces with LIKE wildcards do not match other namespaces', async () => {
    const db = new Database(':memory:');
    const wild = new Keyv(new SqliteStore(db), { namespace: '%' });
    const other = new Keyv(new SqliteStore(db), { namespace: 'x' });
    await wild.set('k', 1);
    await other.set('k', 2);
    await wild.clear();
    expect(await other.get('k')).toBe(2);
  });

  it('iterates over more than one page in key order', async () => {
    const db = new Database(':memory:');
    const keyv = new Keyv<number>(new SqliteStore(db), { namespace: 'many' });
    for (let i = 0; i < 250; i++) await keyv.set(`k${String(i).padStart(3, '0')}`, i);
    const seen: number[] = [];
    for await (const [, value] of keyv.iterator!(undefined)) seen.push(value as number);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('rejects a bad table name and non-string values', async () => {
    const db = new Database(':memory:');
    expect(() => new SqliteStore(db, { table: 'x; DROP TABLE y' })).toThrow(/invalid cache table name/);
    await expect(new SqliteStore(db).set('k', { not: 'serialized' })).rejects.toThrow(/strings only/);
  });

  it('disconnect() closes only a database it owns', async () => {
    const shared = new Database(':memory:');
    await new SqliteStore(shared).disconnect();
    expect(shared.open).toBe(true);
    const own = new Database(':memory:');
    await new SqliteStore(own, { ownsDatabase: true }).disconnect();
    expect(own.open).toBe(false);
  });

  it('surfaces a closed database as a rejected promise (keyv with throwOnErrors rethrows)', async () => {
    const db = new Database(':memory:');
    const keyv = new Keyv(new SqliteStore(db), { throwOnErrors: true });
    db.close();
    await expect(keyv.get('k')).rejects.toThrow(/not open/);
  });
});
