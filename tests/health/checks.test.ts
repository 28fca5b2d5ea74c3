import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/articles/database.js';
import { cacheAnswering, databaseWritable, transportReady } from '../../src/health/checks.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function tempDb(): { file: string; db: Db } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsdesk-health-')), 'newsdesk.db');
  const db = openDatabase(file);
  open.push(db);
  return { file, db };
}

describe('readiness checks', () => {
  it('database: passes on a writable database and leaves nothing behind', () => {
    const { db } = tempDb();
    const check = databaseWritable(db);
    expect(() => check.run()).not.toThrow();
    expect(() => check.run()).not.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM health_probe').get()).toEqual({ n: 0 });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000); // restored
  });

  it('database: fails at once when another process holds the write lock', () => {
    const { file, db } = tempDb();
    databaseWritable(db).run(); // creates the probe table
    const other = new Database(file);
    open.push(other);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      expect(() => databaseWritable(db, 100).run()).toThrow(/locked|busy/i);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      other.exec('ROLLBACK');
    }
    expect(() => databaseWritable(db).run()).not.toThrow();
  });

  it('database: fails on a database that cannot be written', () => {
    const { file, db } = tempDb();
    databaseWritable(db).run();
    const readonly = new Database(file, { readonly: true });
    open.push(readonly);
    expect(() => databaseWritable(readonly).run()).toThrow(/readonly/i);
  });

  it('cache: passes when the store answers, fails when it errors', async () => {
    await expect((async () => cacheAnswering(new Keyv(), 250).run())()).resolves.toBeUndefined();
    const broken = { get: () => Promise.reject(new Error('ECONNREFUSED')) };
    await expect((async () => cacheAnswering(broken, 250).run())()).rejects.toThrow('ECONNREFUSED');
    expect(cacheAnswering(broken, 250).timeoutMs).toBe(250);
  });

  it('transport: fails until the transport says it is ready', () => {
    let ready = false;
    const check = transportReady('discord', () => ready);
    expect(() => check.run()).toThrow('not connected yet');
    ready = true;
    expect(() => check.run()).not.toThrow();
  });
});
