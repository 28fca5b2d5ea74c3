import type { Article } from '../articles/article.js';
import type { LlmFailure } from './llm-client.js';

/** Briefing lengths a member can ask for. */
export const LENGTHS = ['short', 'standard', 'detailed'] as const;
export type BriefingLength = (typeof LENGTHS)[number];

/** What a caller asks the briefing engine for. */
export interface BriefingRequest {
  /** Full-text topic (a word or phrase); null or empty for "everything recent". */
  topic: string | null;
  /** Only articles published in the last N hours (widened to the most recent ones when none are that recent). */
  hours: number;
  length: BriefingLength;
  /** Discord locale the briefing is read in, e.g. "de": the LLM writes in its language. */
  locale?: string;
  /** The server asking (its daily LLM budget pays for a new briefing); null or absent: none (the console). */
  guildId?: string | null;
}

/**
 * Why a briefing is extractive, as a code each transport puts in words in the reader's language
 * (`fallback.<code>` in the catalogues); a daily budget also says when it resets.
 */
export type FallbackCode =
  | 'no_llm'
  | 'restarting'
  | 'llm_failed'
  | 'unusable'
  | 'unsupported'
  | 'budget_server'
  | 'budget_bot'
  | LlmFailure;

/** A cited source, numbered from 1 in the order it is first cited. */
export interface BriefingSource {
  n: number;
  articleId: number;
  title: string;
  url: string | null;
  source: string;
  publishedAt: number | null;
  /** The article's stored lead image (og:image, feed media), when it has one: the embed's thumbnail. */
  imageUrl?: string;
}

/** One bullet: plain text (no markup, no mentions, no links) and the source numbers it cites. */
export interface BriefingBullet {
  text: string;
  cites: number[];
}

/** A finished, verified briefing, ready to render for any transport. */
export interface Briefing {
  headline: string;
  bullets: BriefingBullet[];
  /** Only the sources some bullet cites, numbered 1..n. */
  sources: BriefingSource[];
  /** 'llm' when written by the model, 'extractive' when built from article sentences. */
  kind: 'llm' | 'extractive';
  /** Model that wrote it (null for extractive). */
  model: string | null;
  /** Why the extractive fallback was used, in English words (null for llm); see `fallback`. */
  fallbackReason: string | null;
  /** Why the extractive fallback was used, as a code rendered in the reader's language. */
  fallback?: { code: FallbackCode; resetsAt?: number };
  /**
   * Set when a daily LLM budget made this briefing extractive: which budget, and when it resets, for a
   * private line to the member who asked.
   */
  limitNotice?: string;
  promptVersion: string;
  generatedAt: number;
  topic: string | null;
  length: BriefingLength;
  /** Articles given to the writer (the prompt), not only the cited ones. */
  articleCount: number;
  /** Distinct source names of the articles used. */
  sourceNames: string[];
  /** Earliest and latest effective time of the articles used. */
  span: { from: number; to: number };
  /** The hours asked for, and whether the window was widened because nothing was that recent. */
  window: { hours: number; widened: boolean };
  /** The language it is written in ("German"); LLM briefings only. */
  language?: string;
  /** The cache key of the article set it was written from (any language); LLM briefings only. */
  setKey?: string;
  /** The articles it was written from (ids); LLM briefings only. */
  articleIds?: number[];
}

/** What the engine returns: the briefing and whether it came from the cache. */
export interface BriefingResult {
  briefing: Briefing;
  cached: boolean;
}

/** The articles chosen for a request, in prompt order (prompt ids are 1-based positions). */
export interface Selection {
  articles: Article[];
  widened: boolean;
}
