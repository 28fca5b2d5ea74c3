import type { Db } from '../articles/database.js';
import type { BriefingLength } from '../briefing/types.js';
import { migrateDigests } from './digest-schema.js';
import type { Digest, DigestPause, PauseReason } from './types.js';

/** Longest digest id. */
export const MAX_ID_LENGTH = 24;

/**
 * A short id from a digest's name: lower-case letters, digits and dashes, accents dropped
 * ("Morning World" -> "morning-world"). Empty when the name has nothing usable.
 */
export function digestIdFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
}

interface DigestRow {
  guild_id: string;
  id: string;
  name: string;
  channel_id: string;
  time: string;
  timezone: string;
  topic: string | null;
  length: string;
  pin: number;
  quiet_note: number;
  locale: string | null;
  language: string | null;
  paused_reason: string | null;
  paused_detail: string | null;
  paused_at: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  schedule_from: number;
  last_success_at: number | null;
}

const SELECT = `SELECT d.*, (SELECT max(r.covered_until) FROM digest_runs r
  WHERE r.guild_id = d.guild_id AND r.digest_id = d.id AND r.status = 'posted') AS last_success_at FROM digests d`;

function toDigest(row: DigestRow): Digest {
  const paused: DigestPause | null = row.paused_reason
    ? { reason: row.paused_reason as PauseReason, detail: row.paused_detail, at: row.paused_at ?? 0 }
    : null;
  return {
    guildId: row.guild_id,
    id: row.id,
    name: row.name,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    topic: row.topic,
    length: row.length as BriefingLength,
    pin: row.pin === 1,
    quietNote: row.quiet_note === 1,
    locale: row.locale,
    language: row.language,
    paused,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    scheduleFrom: row.schedule_from,
    lastSuccessAt: row.last_success_at,
  };
}

function toRow(d: Digest): Omit<DigestRow, 'last_success_at'> {
  return {
    guild_id: d.guildId,
    id: d.id,
    name: d.name,
    channel_id: d.channelId,
    time: d.time,
    timezone: d.timezone,
    topic: d.topic,
    length: d.length,
    pin: d.pin ? 1 : 0,
    quiet_note: d.quietNote ? 1 : 0,
    locale: d.locale,
    language: d.language ?? null,
    paused_reason: d.paused?.reason ?? null,
    paused_detail: d.paused?.detail ?? null,
    paused_at: d.paused?.at ?? null,
    created_by: d.createdBy,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    schedule_from: d.scheduleFrom,
  };
}

/**
 * Digest settings in SQLite (table `digests`), keyed (server, id). `lastSuccessAt` is read from the
 * run ledger, so it can never disagree with it. Synchronous, like better-sqlite3.
 */
export class DigestStore {
  readonly #s;

  constructor(readonly db: Db) {
    migrateDigests(db);
    this.#s = {
      get: db.prepare(`${SELECT} WHERE d.guild_id = ? AND d.id = ?`),
      byName: db.prepare(`${SELECT} WHERE d.guild_id = ? AND lower(d.name) = lower(?)`),
      list: db.prepare(`${SELECT} WHERE d.guild_id = ? ORDER BY d.time, d.id`),
      all: db.prepare(`${SELECT} ORDER BY d.guild_id, d.id`),
      count: db.prepare('SELECT count(*) FROM digests WHERE guild_id = ?').pluck(),
      save: db.prepare(`INSERT INTO digests (guild_id, id, name, channel_id, time, timezone, topic, length, pin, quiet_note,
        locale, language, paused_reason, paused_detail, paused_at, created_by, created_at, updated_at, schedule_from)
        VALUES (@guild_id, @id, @name, @channel_id, @time, @timezone, @topic, @length, @pin, @quiet_note, @locale,
        @language, @paused_reason, @paused_detail, @paused_at, @created_by, @created_at, @updated_at, @schedule_from)
        ON CONFLICT (guild_id, id) DO UPDATE SET name = excluded.name, channel_id = excluded.channel_id,
        time = excluded.time, timezone = excluded.timezone, topic = excluded.topic, length = excluded.length,
        pin = excluded.pin, quiet_note = excluded.quiet_note, locale = excluded.locale,
        language = excluded.language,
        paused_reason = excluded.paused_reason, paused_detail = excluded.paused_detail, paused_at = excluded.paused_at,
        updated_at = excluded.updated_at, schedule_from = excluded.schedule_from`),
      remove: db.prepare('DELETE FROM digests WHERE guild_id = ? AND id = ?'),
      pause:
        db.prepare(`UPDATE digests SET paused_reason = ?, paused_detail = ?, paused_at = ?, updated_at = ?
        WHERE guild_id = ? AND id = ?`),
    };
  }

  get(guildId: string, id: string): Digest | null {
    const row = this.#s.get.get(guildId, id) as DigestRow | undefined;
    return row ? toDigest(row) : null;
  }

  /** By id, by name (any case), or by the id a name would give ("Morning World" finds "morning-world"). */
  find(guildId: string, ref: string): Digest | null {
    const text = ref.trim();
    if (!text) return null;
    const row = (this.#s.get.get(guildId, text) ??
      this.#s.byName.get(guildId, text) ??
      this.#s.get.get(guildId, digestIdFrom(text))) as DigestRow | undefined;
    return row ? toDigest(row) : null;
  }

  /** A server's digests, by local time. */
  list(guildId: string): Digest[] {
    return (this.#s.list.all(guildId) as DigestRow[]).map(toDigest);
  }

  /** Every digest of every server (the scheduler filters by the servers this process holds). */
  all(): Digest[] {
    return (this.#s.all.all() as DigestRow[]).map(toDigest);
  }

  count(guildId: string): number {
    return this.#s.count.get(guildId) as number;
  }

  /** Inserts or replaces the settings (`createdAt`/`createdBy` of an existing row are kept). */
  save(digest: Digest): void {
    this.#s.save.run(toRow(digest));
  }

  /** Removes the settings; the ledger keeps its rows, so the same name cannot post twice on one date. */
  remove(guildId: string, id: string): boolean {
    return this.#s.remove.run(guildId, id).changes > 0;
  }

  /** Pauses (or with null, un-pauses) a digest. Returns false when it no longer exists. */
  setPaused(guildId: string, id: string, pause: DigestPause | null, now: number): boolean {
    return (
      this.#s.pause.run(pause?.reason ?? null, pause?.detail ?? null, pause?.at ?? null, now, guildId, id)
        .changes > 0
    );
  }
}
