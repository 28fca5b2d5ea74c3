import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { DigestStore } from '../../src/digest/digest-store.js';
import { digestLocale } from '../../src/digest/types.js';
import { saveDigest } from './support.js';

/** The digests table as the first version created it, before `language` (a server's language override). */
const OLD_DIGESTS = `CREATE TABLE digests (
  guild_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, channel_id TEXT NOT NULL, time TEXT NOT NULL,
  timezone TEXT NOT NULL, topic TEXT, length TEXT NOT NULL, pin INTEGER NOT NULL DEFAULT 0,
  quiet_note INTEGER NOT NULL DEFAULT 0, locale TEXT, paused_reason TEXT, paused_detail TEXT, paused_at INTEGER,
  created_by TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, schedule_from INTEGER NOT NULL,
  PRIMARY KEY (guild_id, id))`;

describe('a digest’s language', () => {
  it('adds the language column to an older database, keeping its digests, and stores the override', () => {
    const db = openDatabase(':memory:');
    db.exec(OLD_DIGESTS);
    db.prepare(
      `INSERT INTO digests VALUES ('g1', 'old', 'old', 'c1', '08:00', 'Europe/Paris', NULL, 'standard', 0, 0,
       'fr', NULL, NULL, NULL, 'u1', 0, 0, 0)`,
    ).run();
    const store = new DigestStore(db);
    new DigestStore(db); // a second process starting: nothing added twice
    const old = store.get('g1', 'old')!;
    expect(old.language).toBeNull();
    expect(digestLocale(old)).toBe('fr');
    saveDigest(store, { id: 'ja', name: 'ja', locale: 'fr', language: 'ja' });
    expect(digestLocale(store.get('g1', 'ja')!)).toBe('ja');
    db.close();
  });
});
