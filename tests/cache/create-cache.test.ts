import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCache } from '../../src/cache/create-cache.js';
import { redactUrl, secretScrubber, urlSecrets } from '../../src/cache/redact-url.js';
import type { SqliteStore } from '../../src/cache/sqlite-store.js';
import { captureLogger, sleep, warnings } from './fake-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cc-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const logger = captureLogger().logger;

describe('createCache', () => {
  it('memory:// keeps values in process, with the default TTL', async () => {
    const handle = createCache<string>({ url: 'memory://', ttlMs: 40, logger });
    expect(handle.kind).toBe('memory');
    expect(await handle.ready).toBe(true);
    await handle.cache.set('k', 'v');
    expect(await handle.cache.get('k')).toBe('v');
    await sleep(60);
    expect(await handle.cache.get('k')).toBeUndefined();
    await handle.close();
  });

  it('sqlite:// uses the shared database, in its own table only, and leaves it open on close', async () => {
    const file = path.join(tempDir(), 'newsdesk.db');
    const shared = new Database(file);
    shared.exec(
      "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO articles (title) VALUES ('a')",
    );
    const handle = createCache<{ n: number }>({ url: 'sqlite://', db: shared, logger });
    expect(handle.kind).toBe('sqlite');
    expect((handle.keyv.store as SqliteStore).db).toBe(shared);
    await handle.cache.set('k', { n: 1 });
    await handle.keyv.clear();
    await handle.cache.set('k2', { n: 2 });
    expect(await handle.cache.get('k2')).toEqual({ n: 2 });
    expect(shared.prepare('SELECT key FROM keyv_cache').all()).toEqual([{ key: 'newsdesk:k2' }]);
    expect(shared.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 1 });
    await handle.close();
    expect(shared.open).toBe(true);
    shared.close();
  });

  it('sqlite://PATH naming the shared file uses the shared connection', () => {
    const file = path.join(tempDir(), 'newsdesk.db');
    const shared = new Database(file);
    const handle = createCache({ url: `sqlite://${file}`, db: shared, logger });
    expect((handle.keyv.store as SqliteStore).db).toBe(shared);
    shared.close();
  });

  it('sqlite://OTHER opens its own file (creating folders), which persists and is closed on close', async () => {
    const file = path.join(tempDir(), 'nested', 'cache.db');
    const shared = new Database(':memory:');
    const first = createCache<string>({ url: `sqlite://${file}`, db: shared, logger, ttlMs: 60_000 });
    const own = (first.keyv.store as SqliteStore).db;
    expect(own).not.toBe(shared);
    await first.cache.set('k', 'v');
    await first.close();
    expect(own.open).toBe(false);
    expect(existsSync(file)).toBe(true);
    const second = createCache<string>({ url: `sqlite://${file}`, logger });
    expect(await second.cache.get('k')).toBe('v');
    await second.close();
  });

  it('sqlite:// without a shared database is a clear error', () => {
    expect(() => createCache({ url: 'sqlite://', logger })).toThrow(/needs the shared database/);
  });

  it('an unknown scheme names the accepted forms and never echoes the password', () => {
    let message = '';
    try {
      createCache({ url: 'postgres://admin:hunter2@db:5432/x', logger });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/Unsupported cache URL scheme "postgres:\/\/"/);
    for (const form of ['memory://', 'sqlite://', 'redis://', 'rediss://']) expect(message).toContain(form);
    expect(message).not.toContain('hunter2');
    expect(() => createCache({ url: 'localhost:6379', logger })).toThrow(/has no scheme; use memory:\/\//);
  });

  it('an unparseable redis URL is rejected without its password', () => {
    expect(() => createCache({ url: 'redis://:hunter2@host:99999', logger })).toThrow(
      /^Cache URL redis:\/\/\*\*\*@host:99999 is not a valid URL/,
    );
  });

  it('a sqlite:// file that is not a database means no cache, one warning, and the file untouched', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(50));
    const { logger: log, lines } = captureLogger();
    const handle = createCache<string>({ url: `sqlite://${file}`, logger: log });
    expect(handle.kind).toBe('none');
    await handle.cache.set('k', 'v');
    expect(await handle.cache.get('k')).toBeUndefined();
    expect(warnings(lines).map((l) => l.msg)).toEqual([
      'cache store cannot be used; running without a cache (fix CACHE_URL to enable it)',
    ]);
    expect(readFileSync(file, 'utf8')).toBe('these are my notes, not a database\n'.repeat(50));
    await handle.close();
  });

  it('a sqlite:// path that cannot be created means no cache, not a refusal to start', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, 'x');
    const { logger: log, lines } = captureLogger();
    const handle = createCache<string>({ url: `sqlite://${blocker}/cache.db`, logger: log });
    expect(handle.kind).toBe('none');
    expect(warnings(lines)).toHaveLength(1);
    await handle.close();
  });

  it('rediss:// builds a TLS redis store without connecting synchronously', async () => {
    const { logger: quiet } = captureLogger();
    const handle = createCache({ url: 'rediss://:pw@127.0.0.1:1', logger: quiet, connectTimeoutMs: 200 });
    expect(handle.kind).toBe('redis');
    expect(handle.label).toBe('rediss://:***@127.0.0.1:1');
    expect(await handle.ready).toBe(false);
    await handle.close();
  });
});

describe('redactUrl / urlSecrets', () => {
  it('hides the password, keeps the rest', () => {
    expect(redactUrl('redis://user:p%40ss@host:6380/2')).toBe('redis://user:***@host:6380/2');
    expect(redactUrl('redis://host:6379')).toBe('redis://host:6379');
    expect(redactUrl('sqlite://data/cache.db')).toBe('sqlite://data/cache.db');
  });

  it('hides secrets given as query parameters, in URLs that parse and URLs that do not', () => {
    expect(redactUrl('redis://host:6379/0?password=s3cr%23t&db=1')).toBe(
      'redis://host:6379/0?password=***&db=1',
    );
    expect(redactUrl('redis://host:notaport?password=hunter2')).toBe('redis://host:notaport?password=***');
    expect(redactUrl('https://llm.example/v1?api_key=K123&x=1')).toBe(
      'https://llm.example/v1?api_key=***&x=1',
    );
    expect(urlSecrets('redis://host/0?password=s3cr%23t')).toEqual(['s3cr%23t', 's3cr#t']);
    expect(urlSecrets('redis://host/0?db=1')).toEqual([]);
  });

  it('scrubs both the raw and the decoded password from texts', () => {
    const scrub = secretScrubber(urlSecrets('redis://user:p%40ss@host'));
    expect(scrub('auth p%40ss failed for p@ss')).toBe('auth *** failed for ***');
    expect(urlSecrets('redis://host')).toEqual([]);
  });
});
