import type { Article } from '../articles/article.js';
import type { BriefingLength, BriefingResult } from '../briefing/types.js';

/** Why a digest is not running. 'by_admin' from /digest pause; the others come from Discord's answer to a post. */
export type PauseReason = 'by_admin' | 'channel_gone' | 'missing_access';

/** A paused digest: the reason, Discord's error (when that was the cause), who and when. */
export interface DigestPause {
  reason: PauseReason;
  /** Discord's error or the admin's name, for /digest list. */
  detail: string | null;
  at: number;
}

/** One scheduled daily digest of a server. Times are epoch ms. */
export interface Digest {
  guildId: string;
  /** Short, human-usable, unique per server (derived from the name), e.g. "morning". */
  id: string;
  name: string;
  channelId: string;
  /** Local time of day, "HH:MM" (24 h). */
  time: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
  topic: string | null;
  length: BriefingLength;
  /** Pin each posted digest (rotation is done by the `afterPost` hook). */
  pin: boolean;
  /** Post a short "quiet day" note when nothing is new (default off: post nothing). */
  quietNote: boolean;
  /** The server's locale (`guild_locale`) when it was set: the language it is posted in by default. */
  locale: string | null;
  /** `/digest set language:` — a language that overrides the server's (en, de, fr, es, pt-BR, ja); null: the server's. */
  language?: string | null;
  paused: DigestPause | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** Scheduled times at or before this are never run (set on create, on a change of time or zone, on resume). */
  scheduleFrom: number;
  /** End of the window covered by the last posted digest (null before the first). */
  lastSuccessAt: number | null;
}

/** The locale a digest is written and labelled in: its language override, else the server's. */
export function digestLocale(digest: Pick<Digest, 'locale' | 'language'>): string | undefined {
  return digest.language ?? digest.locale ?? undefined;
}

/** Where a run stands in the ledger. */
export type RunStatus =
  /** Claimed; the briefing is being written; nothing has been sent. */
  | 'claimed'
  /** The send to Discord has started; no answer recorded yet. */
  | 'posting'
  | 'posted'
  | 'nothing_new'
  | 'failed'
  | 'skipped'
  /** A process died while sending and Discord's nonce window has passed: it may or may not be in the channel. */
  | 'uncertain';

/** A ledger row: one run of one digest for one local date. */
export interface RunRecord {
  guildId: string;
  digestId: string;
  /** "YYYY-MM-DD" in the digest's time zone, of the scheduled time. */
  localDate: string;
  scheduledAt: number;
  status: RunStatus;
  /** Owner and attempt of the current claim; only that claim may record the result. */
  claimToken: string | null;
  claimedAt: number | null;
  postStartedAt: number | null;
  finishedAt: number | null;
  messageId: string | null;
  channelId: string | null;
  reason: string | null;
  /** A failure that may be retried once within the grace period. */
  retryable: boolean;
  late: boolean;
  attempts: number;
  nonce: string;
  articleCount: number | null;
  /** End of the article window this run covered (set when posted). */
  coveredUntil: number | null;
}

/** Options for writing a digest's briefing from chosen articles. */
export interface DigestWriteOptions {
  length: BriefingLength;
  topic: string | null;
  locale?: string;
  /** Hours the articles span (since the previous digest), for the footer's window. */
  hours: number;
  /** The digest's server: its daily LLM budget pays for the briefing. */
  guildId?: string;
}

/**
 * Writes a briefing of exactly these articles, in this order (each story's articles sit together).
 * Must not throw for a non-empty list: a failing LLM gives the labelled extractive fallback.
 * Implemented by `Briefings.forArticles`.
 */
export type DigestWriter = (articles: Article[], options: DigestWriteOptions) => Promise<BriefingResult>;
