import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { PROJECT_ROOT, spawnBot } from '../support/bot-process.js';

let cwd = '';
let dbPath = '';

beforeAll(async () => {
  const ingest = spawnBot(['ingest', path.join(PROJECT_ROOT, 'samples/articles')], {});
  expect(await ingest.exited).toBe(0);
  cwd = ingest.cwd;
  dbPath = path.join(cwd, 'data/newsdesk.db');
}, 60_000);

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('newsdesk backup FILE', () => {
  it('copies one committed state, WAL included, while another connection keeps writing', async () => {
    // The running bot's part: a second connection committing (row, counter) pairs, one transaction each.
    const db = openDatabase(dbPath);
    // Nothing is checkpointed into the main file meanwhile: the copy must take the WAL's commits too.
    db.pragma('wal_autocheckpoint = 0');
    db.exec(`CREATE TABLE probe (n INTEGER PRIMARY KEY, pad TEXT NOT NULL);
      CREATE TABLE probe_meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
      INSERT INTO probe_meta VALUES ('last', 0);`);
    const addRow = db.prepare('INSERT INTO probe (n, pad) VALUES (?, ?)');
    const setLast = db.prepare("UPDATE probe_meta SET v = ? WHERE k = 'last'");
    const commit = db.transaction((n: number) => {
      addRow.run(n, 'x'.repeat(500));
      setLast.run(n);
    });
    let n = 0;
    while (n < 2_000) commit(++n);
    const stop = new AbortController();
    const writer = (async () => {
      while (!stop.signal.aborted) {
        for (let i = 0; i < 5; i++) commit(++n);
        await tick();
      }
    })();
    const before = n;
    const backup = spawnBot(['backup', 'copy.db'], {}, { cwd });
    const code = await backup.exited;
    stop.abort();
    await writer;
    db.close();
    expect(code, backup.stderr()).toBe(0);
    expect(backup.stdout()).toMatch(
      /^Backed up .*newsdesk\.db to .*copy\.db: \d+\.\d MiB, 21 articles, integrity ok \(\d+\.\d s\)\.\n$/,
    );

    const copy = new Database(path.join(cwd, 'copy.db'), { readonly: true, fileMustExist: true });
    const rows = copy.prepare('SELECT count(*) FROM probe').pluck().get() as number;
    const last = copy.prepare("SELECT v FROM probe_meta WHERE k = 'last'").pluck().get() as number;
    expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(21);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    // One snapshot: every committed row up to its counter, no half transaction; taken while writes went on.
    expect(rows).toBe(last);
    expect(last).toBeGreaterThan(before);
    expect(last).toBeLessThan(n);
    expect(existsSync(path.join(cwd, 'copy.db-wal'))).toBe(false);
  });

  it('refuses to replace a file unless --force, and says what is wrong with its arguments', async () => {
    const target = path.join(cwd, 'existing.db');
    writeFileSync(target, 'keep me');
    const refused = spawnBot(['backup', target], {}, { cwd });
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toMatch(/existing\.db already exists; choose a new name, or add --force/);
    expect(statSync(target).size).toBe(7);

    const forced = spawnBot(['backup', target, '--force'], {}, { cwd });
    expect(await forced.exited).toBe(0);
    expect(statSync(target).size).toBeGreaterThan(4096);

    const noFile = spawnBot(['backup'], {}, { cwd });
    expect(await noFile.exited).toBe(2);
    expect(noFile.stderr()).toMatch(/Usage: newsdesk backup <file> \[--force\]/);

    const empty = mkdtempSync(path.join(tmpdir(), 'newsdesk-nodb-'));
    const noDb = spawnBot(['backup', 'x.db'], {}, { cwd: empty });
    expect(await noDb.exited).toBe(1);
    expect(noDb.stderr()).toMatch(/there is no database at .*newsdesk\.db \(check DATA_DIR\)/);
    expect(existsSync(path.join(empty, 'x.db'))).toBe(false);
  });
});
