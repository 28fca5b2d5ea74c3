import type { BriefingLength, BriefingResult } from '../briefing/types.js';
import type { Occurrence } from './schedule.js';
import type { Digest, RunRecord } from './types.js';

/** What an admin gives /digest set (raw text for time and zone; they are checked here). */
export interface DigestSetInput {
  guildId: string;
  channelId: string;
  time: string;
  timezone: string;
  /** Null/undefined keeps the current topic of an existing digest; "-", "*", "all" or "none" clears it. */
  topic?: string | null;
  length?: BriefingLength | null;
  pin?: boolean | null;
  quietNote?: boolean | null;
  /** Default "daily". Setting an existing name updates that digest. */
  name?: string | null;
  userId: string;
  /** The server's locale (`guild_locale`), the default language of the posts. */
  locale?: string | null;
  /** A language overriding the server's (en, de, fr, es, pt-BR, ja); 'server' clears it; null/undefined keeps it. */
  language?: string | null;
}

/** A digest with its next run and its latest ledger row, for /digest list. */
export interface DigestOverview {
  digest: Digest;
  nextRun: Occurrence | null;
  lastRun: RunRecord | null;
}

/** What /digest preview shows: the briefing that would be posted now, or that nothing is new. */
export type DigestPreview =
  | {
      kind: 'briefing';
      digest: Digest;
      result: BriefingResult;
      articles: number;
      stories: number;
      since: number;
    }
  | { kind: 'nothing_new'; digest: Digest; since: number };

/**
 * The digest operations /digest needs (`ctx.digests`). Methods throw a UserFacingError for anything
 * the admin should fix (bad time or zone, unknown name, limit reached), with an example.
 */
export interface DigestService {
  /** DIGEST_MAX_PER_GUILD. */
  readonly maxPerGuild: number;
  /** Creates or updates (by name) a digest. */
  set(input: DigestSetInput): { digest: Digest; created: boolean; nextRun: Occurrence | null };
  list(guildId: string): DigestOverview[];
  /** By name or id; null when none. */
  find(guildId: string, ref: string): Digest | null;
  remove(guildId: string, ref: string): Digest;
  pause(guildId: string, ref: string, by: string): Digest;
  resume(guildId: string, ref: string): { digest: Digest; nextRun: Occurrence | null };
  /** What would be posted now; posts nothing and records nothing. `ref` may be omitted when the server has one digest. */
  preview(guildId: string, ref: string | null): Promise<DigestPreview>;
  /** Names of the server's digests matching the typed text, for autocomplete. */
  nameChoices(guildId: string, query: string): string[];
  /** Time zone suggestions, for autocomplete. */
  timeZoneChoices(query: string): string[];
}
