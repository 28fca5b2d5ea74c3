import type { Article } from '../articles/article.js';
import { contentKey } from '../cache/content-key.js';
import { SingleFlight } from '../cache/single-flight.js';
import { writeOnce, type FlightLock } from '../cache/flight-lock.js';
import type { Logger } from '../logger.js';
import { budgetReason, estimateTokens, type LlmBudget } from './budget.js';
import { publishedLine, quoteUntrusted } from './build-prompt.js';
import { parseJsonAnswer } from './parse-output.js';
import { limitWords, stripMarkdown } from './finish.js';
import type { ChatMessage, LlmClient, LlmUsage } from './llm-client.js';
import { fill, loadPrompt, type PromptTemplate } from './prompt.js';
import { sanitizeText } from './sanitize.js';
import { checkSupport } from './support.js';
import { splitSentences, truncateText } from './text-tools.js';

/** The variables prompts/notes.md may use. */
export const NOTES_VARIABLES = ['title', 'source', 'published', 'body'] as const;

/** The answer prompts/notes.md asks for (its front matter states the same schema). */
export const NOTES_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['notes'],
  properties: { notes: { type: 'array', items: { type: 'string' } } },
} as const;

/** Longest note kept, in words (the prompt asks for 35). */
const NOTE_WORDS = 45;
/** Most notes kept per article (the prompt asks for at most 10). */
const MAX_NOTES = 12;
/** Notes made from the lead when the model's cannot be had. */
const LEAD_NOTES = 4;

/** One article condensed: its key facts, in its own words. */
export interface ArticleNotes {
  articleId: number;
  contentHash: string;
  notes: string[];
  /** `llm`: written by the model (and cached); `lead`: the article's first sentences (not cached). */
  kind: 'llm' | 'lead';
}

/** Where notes are kept: by the article's content hash and the notes prompt's version; never throws. */
export interface NotesCache {
  get(key: string): Promise<ArticleNotes | undefined>;
  set(key: string, value: ArticleNotes): Promise<void>;
}

export interface NotesOptions {
  llm: LlmClient | null;
  cache: NotesCache;
  logger: Logger;
  prompt?: PromptTemplate;
  /** Characters of an article the notes writer reads (default 24,000: all of nearly any news article). */
  maxInputChars?: number;
  /**
   * Notes calls at once (default 6: a first briefing over 30 unseen articles needs five rounds, not ten);
   * requests waiting for notes go before the eager queue.
   */
  concurrency?: number;
  /** Articles waiting in the eager queue at most (default 500); more are dropped (made lazily later). */
  maxQueued?: number;
  /** Daily LLM token budgets; a notes call over one gives lead notes. */
  budget?: LlmBudget;
  /** Aborted at shutdown: notes calls stop. */
  cutoff?: AbortSignal;
  /** With several processes on one shared cache (Redis): who writes an article's missing notes. */
  lock?: FlightLock;
  now?: () => number;
}

/** Loads prompts/notes.md, checked against the variables the engine fills and its answer schema. */
export function loadNotesPrompt(dir?: string): PromptTemplate {
  return loadPrompt('notes', NOTES_VARIABLES, dir, NOTES_JSON_SCHEMA);
}

/** The messages that ask for one article's notes. */
export function buildNotesMessages(
  prompt: PromptTemplate,
  article: Article,
  maxChars: number,
): ChatMessage[] {
  const values = {
    title: quoteUntrusted(article.title.replace(/\s+/g, ' ')),
    source: quoteUntrusted(article.source),
    published: publishedLine(article.publishedAt),
    body: quoteUntrusted(truncateText(article.body, maxChars)),
  } satisfies Record<(typeof NOTES_VARIABLES)[number], string>;
  return [
    { role: 'system', content: fill(prompt.system, values) },
    { role: 'user', content: fill(prompt.user, values) },
  ];
}

/** One note made safe: plain text, no mentions or links, within the word limit; null when nothing is left. */
function cleanNote(text: string): string | null {
  const clean = limitWords(sanitizeText(stripMarkdown(text)).replace(/\s+/g, ' ').trim(), NOTE_WORDS);
  return clean.length >= 3 ? clean : null;
}

/** The model's answer as notes: parsed, cleaned, and only those whose numbers, names and quotes the article has. */
export function parseNotes(answer: string, article: Article): { notes: string[]; dropped: number } {
  const parsed = parseJsonAnswer(answer);
  const raw = parsed && typeof parsed === 'object' ? (parsed as { notes?: unknown }).notes : undefined;
  if (!Array.isArray(raw)) return { notes: [], dropped: 0 };
  const notes: string[] = [];
  let dropped = 0;
  for (const item of raw.slice(0, MAX_NOTES)) {
    const note = typeof item === 'string' ? cleanNote(item) : null;
    if (!note) continue;
    if (checkSupport(note, [article]).length) dropped += 1;
    else notes.push(note);
  }
  return { notes, dropped };
}

/** Notes without the model: the article's first sentences. */
export function leadNotes(article: Article): ArticleNotes {
  const notes = splitSentences(article.body)
    .map(cleanNote)
    .filter((n): n is string => n !== null)
    .slice(0, LEAD_NOTES);
  return {
    articleId: article.id,
    contentHash: article.contentHash,
    notes: notes.length ? notes : [limitWords(sanitizeText(article.title), NOTE_WORDS)],
    kind: 'lead',
  };
}

/** A counting semaphore whose waiters of priority 0 go before those of priority 1. */
class Slots {
  #free: number;
  readonly #waiting: [(() => void)[], (() => void)[]] = [[], []];

  constructor(size: number) {
    this.#free = size;
  }

  async acquire(priority: 0 | 1): Promise<() => void> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting[priority].push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting[0].shift() ?? this.#waiting[1].shift();
      if (next) next();
      else this.#free += 1;
    };
  }
}

/**
 * The map step: each article is condensed once into short notes of its key facts, in its own words,
 * and the notes are cached by the article's content hash and the notes prompt's version, so they are
 * shared by every server, topic, length, language and digest; an article's text goes to the model at
 * most once per notes-prompt version (while the cache keeps it). Briefings are then written from the
 * notes of many articles; the article text itself is still what the support check reads.
 */
export class NotesWriter {
  readonly prompt: PromptTemplate;
  readonly #o: NotesOptions;
  readonly #flights = new SingleFlight<string, ArticleNotes>();
  readonly #slots: Slots;
  readonly #queue: Article[] = [];
  #draining = false;

  constructor(options: NotesOptions) {
    this.#o = options;
    this.prompt = options.prompt ?? loadNotesPrompt();
    this.#slots = new Slots(Math.max(1, options.concurrency ?? 6));
  }

  /** The cache key of an article's notes: its content, the prompt's version and the model. */
  key(article: Pick<Article, 'contentHash'>): string {
    return contentKey({
      kind: 'notes',
      prompt: this.prompt.version,
      model: this.#o.llm?.model ?? null,
      article: article.contentHash,
    });
  }

  /**
   * Notes for each article, in order: cached ones at once, missing ones written now (requests go before
   * the eager queue). An article whose notes cannot be written (no model, a failure, a budget used up,
   * or `signal` aborted first) gets notes from its lead, which are not cached.
   */
  async forArticles(
    articles: readonly Article[],
    options: { signal?: AbortSignal; guildId?: string | null } = {},
  ): Promise<ArticleNotes[]> {
    const { signal } = options;
    // One listener for the whole request: past its deadline, every article still waiting gets its lead.
    const deadline =
      signal &&
      new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
    return Promise.all(
      articles.map((a) => {
        const notes = this.#notes(a, 0, options.guildId);
        return deadline ? Promise.race([notes, deadline.then(() => leadNotes(a))]) : notes;
      }),
    );
  }

  /**
   * NOTES_EAGER: notes for newly stored articles, made in the background, one slot at a time behind any
   * request's. Never waits; when the queue is full, articles are left for later (made when first needed).
   */
  enqueue(articles: readonly Article[]): void {
    if (!this.#o.llm) return;
    const room = Math.max(0, (this.#o.maxQueued ?? 500) - this.#queue.length);
    this.#queue.push(...articles.slice(0, room));
    if (!this.#draining) void this.#drain();
  }

  /** Articles waiting in the eager queue. */
  get queued(): number {
    return this.#queue.length;
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        if (this.#o.cutoff?.aborted) {
          this.#queue.length = 0;
          break;
        }
        await this.#notes(next, 1);
      }
    } finally {
      this.#draining = false;
    }
  }

  async #notes(article: Article, priority: 0 | 1, guildId?: string | null): Promise<ArticleNotes> {
    const { llm, cache } = this.#o;
    if (!llm) return leadNotes(article);
    const key = this.key(article);
    const hit = await cache.get(key);
    if (hit?.kind === 'llm' && Array.isArray(hit.notes)) return { ...hit, articleId: article.id };
    // Single-flight: a request that stops waiting leaves the notes to be finished and cached for next time.
    return this.#flights.run(key, () =>
      writeOnce({
        lock: this.#o.lock,
        key,
        ttlMs: 120_000,
        waitMs: 60_000,
        cached: async () => {
          const value = await cache.get(key);
          return value?.kind === 'llm' ? { ...value, articleId: article.id } : undefined;
        },
        write: () => this.#write(key, article, priority, guildId),
      }),
    );
  }

  async #write(
    key: string,
    article: Article,
    priority: 0 | 1,
    guildId: string | null | undefined,
  ): Promise<ArticleNotes> {
    const { llm, logger, budget } = this.#o;
    const now = this.#o.now ?? Date.now;
    const release = await this.#slots.acquire(priority);
    const log = logger.child({ articleId: article.id, notesPrompt: this.prompt.version });
    try {
      const messages = buildNotesMessages(this.prompt, article, this.#o.maxInputChars ?? 24_000);
      const verdict = await budget?.check(guildId, estimateTokens(messages) + llm!.maxTokens, now());
      if (verdict && !verdict.ok) {
        log.info({ reason: budgetReason(verdict, now()) }, 'notes from the lead: daily LLM budget used up');
        return leadNotes(article);
      }
      const usage: LlmUsage = { input: 0, output: 0 };
      const answer = await llm!
        .completeJson(messages, 'notes', NOTES_JSON_SCHEMA, this.#o.cutoff, usage)
        .finally(() => budget?.charge(guildId, usage, now()));
      const { notes, dropped } = parseNotes(answer, article);
      if (dropped) log.warn({ dropped }, 'notes dropped: claims not found in the article');
      if (!notes.length) {
        log.warn({ answerChars: answer.length }, 'notes answer unusable; notes from the lead');
        return leadNotes(article);
      }
      const made: ArticleNotes = {
        articleId: article.id,
        contentHash: article.contentHash,
        notes,
        kind: 'llm',
      };
      await this.#o.cache.set(key, made);
      log.debug({ notes: notes.length, usage }, 'article notes written');
      return made;
    } catch (err) {
      log.warn({ err }, 'notes could not be written; notes from the lead');
      return leadNotes(article);
    } finally {
      release();
    }
  }
}
