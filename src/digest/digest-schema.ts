import type { Db } from '../articles/database.js';

/**
 * Tables of the digest feature, in the app's shared database (names prefixed `digest`). Created
 * idempotently; safe to call from every process on every start.
 *
 * `digest_runs` is the run ledger: UNIQUE(guild_id, digest_id, local_date) is what makes a run
 * happen at most once per digest and local date, whichever process claims it first.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS digests (
  guild_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  time TEXT NOT NULL,
  timezone TEXT NOT NULL,
  topic TEXT,
  length TEXT NOT NULL,
  pin INTEGER NOT NULL DEFAULT 0,
  quiet_note INTEGER NOT NULL DEFAULT 0,
  locale TEXT,
  language TEXT,
  paused_reason TEXT,
  paused_detail TEXT,
  paused_at INTEGER,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  schedule_from INTEGER NOT NULL,
  PRIMARY KEY (guild_id, id)
);
CREATE TABLE IF NOT EXISTS digest_runs (
  guild_id TEXT NOT NULL,
  digest_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  scheduled_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  claim_token TEXT,
  claimed_at INTEGER,
  post_started_at INTEGER,
  finished_at INTEGER,
  message_id TEXT,
  channel_id TEXT,
  reason TEXT,
  retryable INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  nonce TEXT NOT NULL,
  article_count INTEGER,
  covered_until INTEGER,
  UNIQUE (guild_id, digest_id, local_date)
);
CREATE INDEX IF NOT EXISTS digest_runs_open ON digest_runs (status) WHERE status IN ('claimed', 'posting', 'failed');
`;

/**
 * Columns added since the first version, as [name, definition]: added to an older `digests` table
 * when missing (in the same immediate transaction, so two processes starting together add it once).
 */
const ADDED_COLUMNS: readonly [string, string][] = [
  // v2: `/digest set language:` overrides the server's language (null: the server's).
  ['language', 'TEXT'],
];

/** Creates the digest tables when missing, and adds the columns an older database lacks. */
export function migrateDigests(db: Db): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    const have = new Set(
      (db.prepare('PRAGMA table_info(digests)').all() as { name: string }[]).map((c) => c.name),
    );
    for (const [name, definition] of ADDED_COLUMNS)
      if (!have.has(name)) db.exec(`ALTER TABLE digests ADD COLUMN ${name} ${definition}`);
  }).immediate();
}
