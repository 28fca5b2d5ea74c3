import type { Article } from '../articles/article.js';
import { effectiveTime } from '../articles/article.js';
import { contentKey } from '../cache/content-key.js';
import { SingleFlight } from '../cache/single-flight.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { BRIEFING_VARIABLES, buildBriefingMessages, languageFor } from './build-prompt.js';
import { extractiveBriefing } from './extractive.js';
import { budgetReason, estimateTokens, type LlmBudget } from './budget.js';
import type { NotesWriter } from './notes.js';
import { writeOnce, type FlightLock } from '../cache/flight-lock.js';
import { finishBriefing } from './finish.js';
import { LENGTH_PROFILES } from './lengths.js';
import { LlmError, type LlmClient } from './llm-client.js';
import { BRIEFING_JSON_SCHEMA, parseBriefingOutput } from './parse-output.js';
import { loadPrompt, type PromptTemplate } from './prompt.js';
import { normalizeTopic, pickByStory, selectArticles, type ArticleQuery } from './select.js';
import { sanitizeText } from './sanitize.js';
import { supportBriefing } from './support.js';
import type { Briefing, BriefingRequest, BriefingResult, FallbackCode } from './types.js';
import { t } from '../i18n/index.js';
import { verifyBriefing } from './verify.js';
import { Novelty } from './novelty.js';
import {
  buildTranslateMessages,
  citedArticles,
  loadTranslatePrompt,
  parseTranslation,
  TRANSLATION_JSON_SCHEMA,
} from './translate.js';
import { windowHeadline } from './window-headline.js';
import { fallbackText } from './describe.js';

/** Where finished LLM briefings are kept; must never throw and must answer in bounded time. */
export interface BriefingCache {
  get(key: string): Promise<Briefing | undefined>;
  set(key: string, value: Briefing): Promise<void>;
}

export interface BriefingsOptions {
  articles: ArticleQuery;
  cache: BriefingCache;
  /** Null when no LLM is configured: every briefing is extractive. */
  llm: LlmClient | null;
  logger: Logger;
  maxArticles: number;
  prompt?: PromptTemplate;
  now?: () => number;
  /**
   * Longest the whole LLM step may take, retries and format fallbacks included (default 4 min), so a
   * slow model still leaves time to answer with the extractive briefing (interactions live 15 min,
   * a digest's writing is given 5).
   */
  writeDeadlineMs?: number;
  /**
   * Aborted when the bot shuts down and its grace is nearly over: LLM calls in flight stop, and their
   * requests are answered with the extractive briefing instead of not at all.
   */
  cutoff?: AbortSignal;
  /**
   * The map step: with it, briefings are written from the articles' notes (made once per article and
   * cached), which lets a briefing cover more articles; without it, from their shortened text.
   */
  notes?: NotesWriter;
  /**
   * Longest a request waits for missing notes (default 12 s); articles still without get their lead, the
   * briefing is not cached, and the notes calls go on, so that the next request finds them.
   */
  notesWaitMs?: number;
  /** With several processes on one shared cache (Redis): who writes a missing briefing. */
  lock?: FlightLock;
  /** Daily LLM token budgets (LLM_DAILY_TOKENS, LLM_DAILY_TOKENS_PER_SERVER); none: unlimited. */
  budget?: LlmBudget;
  /** Counts cache hits and misses. */
  metrics?: Pick<Metrics, 'cacheLookup'>;
  /**
   * BRIEFING_REFRESH_MINUTES: a /news briefing of a topic, length and language written this recently is
   * answered again although articles arrived since (default 0: every new article set is written at
   * once). Bounds how often a busy topic is re-summarised; digests always get their exact articles.
   */
  refreshMs?: number;
  /**
   * BRIEFING_TRANSLATE: a briefing already written for the same articles in another language is
   * translated (a short call with the briefing only) instead of summarising the articles again.
   */
  translate?: boolean;
  translatePrompt?: PromptTemplate;
}

/** A finished LLM briefing as cached: also which article set and language it was written for. */
function usable(hit: Briefing | undefined): hit is Briefing {
  return hit?.kind === 'llm' && Array.isArray(hit.bullets);
}

/** A briefing to which only near-copies of its articles arrived is rewritten after this many refresh periods. */
const COPY_REFRESH_FACTOR = 8;

/** The cache keys of one request. */
interface BriefingKeys {
  /** This article set in this language. */
  exact: string;
  /** This article set in any language (the first written), for translating. */
  set: string;
  /** The newest briefing of this topic, length and window in this language (BRIEFING_REFRESH_MINUTES). */
  latest: string;
  /** The newest briefing of this topic, length and window in any language. */
  latestAny: string;
}

/** The headline used when the model's own names or numbers its sources do not contain. */
function neutralHeadline(topic: string | null): string {
  return (topic && sanitizeText(`News about ${topic}`)) || 'News briefing';
}

/** Loads prompts/briefing.md, checked against the variables the engine fills. */
export function loadBriefingPrompt(dir?: string): PromptTemplate {
  return loadPrompt('briefing', BRIEFING_VARIABLES, dir, BRIEFING_JSON_SCHEMA);
}

/**
 * The transport-free briefing engine every entry point calls: selects articles, answers from the cache
 * when the same prompt, model, options and article contents were summarised before, and otherwise
 * makes one LLM call shared by all concurrent identical requests. Always answers: without an LLM, or
 * when it fails, with an extractive briefing of the same articles (never cached).
 */
export class Briefings {
  readonly prompt: PromptTemplate;
  readonly translatePrompt: PromptTemplate | null;
  private readonly flights = new SingleFlight<string, Briefing>();
  private readonly now: () => number;
  private readonly novelty = new Novelty();

  constructor(private readonly options: BriefingsOptions) {
    this.prompt = options.prompt ?? loadBriefingPrompt();
    this.translatePrompt = options.translate ? (options.translatePrompt ?? loadTranslatePrompt()) : null;
    this.now = options.now ?? Date.now;
  }

  /** A briefing for the request. Throws a UserFacingError when no article matches. */
  async get(request: BriefingRequest): Promise<BriefingResult> {
    const topic = normalizeTopic(request.topic);
    const recent = topic ? await this.recentForTopic({ ...request, topic }) : null;
    if (recent) return recent;
    const limit = Math.min(this.articleLimit(request.length), this.options.maxArticles);
    // Twice the room in candidates, so that a briefing can take whole stories and still cover many.
    const selection = selectArticles(this.options.articles, {
      topic,
      hours: request.hours,
      limit: limit * 2,
      now: this.now(),
    });
    return this.summarize(
      pickByStory(selection.articles, limit),
      { ...request, topic },
      { hours: request.hours, widened: selection.widened },
      true,
    );
  }

  /**
   * A briefing of exactly these articles (best first), e.g. a digest's "what is new". Same cache,
   * single-flight and fallback as `get`; at most the length's article count is used.
   */
  async forArticles(articles: readonly Article[], request: BriefingRequest): Promise<BriefingResult> {
    if (!articles.length) throw new Error('forArticles needs at least one article');
    const chosen = articles.slice(0, Math.min(this.articleLimit(request.length), this.options.maxArticles));
    return this.summarize(
      chosen,
      { ...request, topic: normalizeTopic(request.topic) },
      { hours: request.hours, widened: false },
      false,
    );
  }

  /**
   * BRIEFING_REFRESH_MINUTES: this topic's briefing (same length, window and language) written within the
   * refresh time answers at once, without searching the store: a busy topic costs its members a cache
   * read, whatever the store holds. Older ones (and the near-copy rule) go through the selection.
   */
  private async recentForTopic(request: BriefingRequest): Promise<BriefingResult | null> {
    const refresh = this.options.refreshMs ?? 0;
    if (!this.options.llm || refresh <= 0) return null;
    const window = { hours: request.hours, widened: false };
    const hit = await this.options.cache.get(this.keys([], request, window).latest);
    if (!usable(hit) || this.now() - hit.generatedAt >= refresh) return null;
    this.options.metrics?.cacheLookup(true);
    return { briefing: { ...hit, window }, cached: true };
  }

  /** Articles a briefing of this length covers: more when the writer reads notes. */
  private articleLimit(length: BriefingRequest['length']): number {
    const profile = LENGTH_PROFILES[length];
    return this.options.notes && this.options.llm ? profile.notedArticles : profile.articles;
  }

  /** The cache keys of a request for these articles (see {@link BriefingKeys}). */
  private keys(articles: readonly Article[], request: BriefingRequest, window: Briefing['window']) {
    const base = {
      kind: 'briefing',
      prompt: this.prompt.version,
      notes: this.options.notes?.prompt.version ?? null,
      model: this.options.llm?.model ?? null,
      length: request.length,
      topic: request.topic?.toLowerCase() ?? null,
      // The prompt names today and the window.
      day: new Date(this.now()).toISOString().slice(0, 10),
      window: [window.hours, window.widened],
    };
    const language = languageFor(request.locale);
    // Sorted: the same articles in another rank order are the same briefing.
    const set = contentKey({
      ...base,
      articles: articles.map((a) => [a.id, a.contentHash] as const).sort((a, b) => a[0] - b[0]),
    });
    return {
      exact: contentKey({ set, language }),
      set,
      latest: contentKey({ ...base, latest: true, language }),
      latestAny: contentKey({ ...base, latest: true }),
    } satisfies BriefingKeys;
  }

  /**
   * Is a cached briefing recent enough to answer a newer article set? Within BRIEFING_REFRESH_MINUTES,
   * yes; within {@link COPY_REFRESH_FACTOR} times that, when every newer article nearly repeats one the
   * briefing was written from (wire copies, the same report re-dated), so a topic is rewritten when
   * something new arrived, not for every copy of what it already tells.
   */
  private fresh(hit: Briefing | undefined, articles?: readonly Article[]): hit is Briefing {
    const refresh = this.options.refreshMs ?? 0;
    if (!usable(hit) || refresh <= 0) return false;
    const age = this.now() - hit.generatedAt;
    if (age < refresh) return true;
    const get = this.options.articles.get?.bind(this.options.articles);
    if (age >= COPY_REFRESH_FACTOR * refresh || !articles || !hit.articleIds || !get) return false;
    const ids = new Set(hit.articleIds);
    const added = articles.filter((a) => !ids.has(a.id));
    if (!added.length) return true;
    const known = hit.articleIds.map(get).filter((a): a is Article => a !== null);
    return added.every((a) => this.novelty.isCopy(a, known));
  }

  private async summarize(
    articles: Article[],
    request: BriefingRequest,
    window: Briefing['window'],
    reuseRecent: boolean,
  ): Promise<BriefingResult> {
    const language = languageFor(request.locale);
    const { llm, logger, cache } = this.options;
    if (!llm) {
      const briefing = this.extractive(articles, request, window, { code: 'no_llm' });
      return { briefing: this.titled(briefing, articles, request), cached: false };
    }
    const keys = this.keys(articles, request, window);
    let hit = await cache.get(keys.exact);
    if (!usable(hit) && reuseRecent && (this.options.refreshMs ?? 0) > 0) {
      const recent = await cache.get(keys.latest);
      if (this.fresh(recent, articles)) hit = recent;
    }
    this.options.metrics?.cacheLookup(usable(hit));
    if (usable(hit)) {
      logger.debug({ key: keys.exact, promptVersion: this.prompt.version }, 'briefing cache hit');
      // Entries are cached already finished (and the key names the prompt version and day, so nothing
      // cached before the output hygiene can hit): no work is repeated on a cache hit.
      return { briefing: this.titled({ ...hit, window }, articles, request), cached: true };
    }
    // One call per key in this process (single-flight), and across processes on a shared cache (the lock).
    const briefing = await this.flights.run(keys.exact, () =>
      writeOnce({
        lock: this.options.lock,
        key: keys.exact,
        ttlMs: (this.options.writeDeadlineMs ?? 240_000) + 30_000,
        waitMs: 60_000,
        cached: async () => {
          const again = await cache.get(keys.exact);
          return usable(again) ? again : undefined;
        },
        write: async () =>
          (await this.translated(keys, articles, request, language, reuseRecent)) ??
          this.write(keys, articles, request, language, window),
      }),
    );
    return { briefing: this.titled({ ...briefing, window }, articles, request), cached: false };
  }

  /**
   * BRIEFING_TRANSLATE: the briefing of these articles (or, for /news, of this topic's recent set) already
   * written in another language, translated into `language`; null when there is none or the translation
   * does not hold up (then the articles are summarised in `language` as usual).
   */
  private async translated(
    keys: BriefingKeys,
    asked: readonly Article[],
    request: BriefingRequest,
    language: string,
    reuseRecent: boolean,
  ): Promise<Briefing | null> {
    const { llm, cache, logger } = this.options;
    const get = this.options.articles.get?.bind(this.options.articles);
    if (!this.translatePrompt || !llm || !get) return null;
    let source = await cache.get(keys.set);
    if (!usable(source) && reuseRecent) {
      const recent = await cache.get(keys.latestAny);
      if (this.fresh(recent, asked)) source = recent;
    }
    if (!usable(source) || !source.language || source.language === language || !source.setKey) return null;
    const articles = citedArticles(source, get);
    if (!articles) return null;
    const started = this.now();
    const messages = buildTranslateMessages(this.translatePrompt, source, language);
    const log = logger.child({ key: keys.exact, from: source.language, to: language });
    const verdict = await this.options.budget?.check(
      request.guildId,
      estimateTokens(messages) + llm.maxTokens,
      started,
    );
    if (verdict && !verdict.ok) return null;
    const usage = { input: 0, output: 0 };
    let answer: string;
    try {
      const timeout = AbortSignal.timeout(this.options.writeDeadlineMs ?? 240_000);
      const deadline = this.options.cutoff ? AbortSignal.any([timeout, this.options.cutoff]) : timeout;
      answer = await llm
        .completeJson(messages, 'translation', TRANSLATION_JSON_SCHEMA, deadline, usage)
        .finally(() => this.options.budget?.charge(request.guildId, usage, this.now()));
    } catch (err) {
      log.warn({ err }, 'translation failed; summarising the articles in this language');
      return null;
    }
    const parsed = parseTranslation(answer, source);
    if (!parsed) {
      log.warn({ answerChars: answer.length }, 'translation unusable; summarising the articles instead');
      return null;
    }
    const profile = LENGTH_PROFILES[source.length];
    const finished = finishBriefing(
      { ...parsed, sources: source.sources },
      { ...profile, defaultHeadline: t(request.locale, 'briefing.defaultHeadline') },
    );
    // The same check as a written briefing: a translation that changed a number or a name loses that bullet.
    const supported = supportBriefing(finished, articles, neutralHeadline(request.topic));
    if (supported.tooFew || supported.bullets.length < source.bullets.length / 2) {
      log.warn(
        { kept: supported.bullets.length, of: source.bullets.length },
        'translation did not match its sources; summarising the articles instead',
      );
      return null;
    }
    const briefing: Briefing = {
      ...source,
      headline: supported.headline,
      bullets: supported.bullets,
      sources: supported.sources,
      language,
    };
    log.info({ ms: this.now() - started, bullets: briefing.bullets.length }, 'briefing translated');
    // Cached under its own article set in this language; the source's age is kept, so a translation never
    // makes an old briefing look fresh.
    await cache.set(contentKey({ set: source.setKey, language }), briefing);
    if (reuseRecent && this.fresh(briefing, asked)) await cache.set(keys.latest, briefing);
    return briefing;
  }

  /** A briefing without a topic is headed by its window ("Top stories, 2 Dec"), not by one article's title. */
  private titled(briefing: Briefing, articles: readonly Article[], request: BriefingRequest): Briefing {
    if (request.topic) return briefing;
    return { ...briefing, headline: windowHeadline(articles, briefing.window, this.now(), request.locale) };
  }

  private async write(
    keys: BriefingKeys,
    articles: Article[],
    request: BriefingRequest,
    language: string,
    asked: Briefing['window'],
  ): Promise<Briefing> {
    const { llm, logger } = this.options;
    const profile = LENGTH_PROFILES[request.length];
    const log = logger.child({
      key: keys.exact,
      promptVersion: this.prompt.version,
      model: llm!.model,
      articles: articles.length,
    });
    const window = { hours: request.hours, widened: false };
    let answer: string;
    const started = this.now();
    // The map step: each article's notes (cached, or written now); an article still without notes when
    // the wait is over is given by its lead, and the briefing is then not cached.
    const notes = this.options.notes
      ? await this.options.notes.forArticles(articles, {
          signal: AbortSignal.any([
            AbortSignal.timeout(this.options.notesWaitMs ?? 12_000),
            ...(this.options.cutoff ? [this.options.cutoff] : []),
          ]),
          guildId: request.guildId,
        })
      : null;
    const complete = !notes || notes.every((n) => n.kind === 'llm');
    const messages = buildBriefingMessages(this.prompt, {
      articles,
      topic: request.topic,
      profile,
      language,
      now: started,
      window: asked,
      ...(notes ? { notes: notes.map((n) => n.notes) } : {}),
    });
    // Daily token budgets: checked with a safe estimate now, charged with the API's figures after.
    const verdict = await this.options.budget?.check(
      request.guildId,
      estimateTokens(messages) + llm!.maxTokens,
      started,
    );
    if (verdict && !verdict.ok) {
      log.warn(
        { scope: verdict.scope, used: verdict.used, limit: verdict.limit },
        'daily LLM budget used up',
      );
      const reason = budgetReason(verdict, started);
      const code = verdict.scope === 'server' ? 'budget_server' : 'budget_bot';
      return {
        ...this.extractive(articles, request, window, { code, resetsAt: verdict.resetsAt }),
        limitNotice: reason,
      };
    }
    const usage = { input: 0, output: 0 };
    try {
      const timeout = AbortSignal.timeout(this.options.writeDeadlineMs ?? 240_000);
      const deadline = this.options.cutoff ? AbortSignal.any([timeout, this.options.cutoff]) : timeout;
      answer = await llm!
        .completeJson(messages, 'briefing', BRIEFING_JSON_SCHEMA, deadline, usage)
        .finally(() => this.options.budget?.charge(request.guildId, usage, this.now()));
    } catch (err) {
      const code: FallbackCode = this.options.cutoff?.aborted
        ? 'restarting'
        : err instanceof LlmError
          ? err.reason
          : 'llm_failed';
      log.warn({ err, reason: code }, 'llm call failed; answering with an extractive briefing');
      return this.extractive(articles, request, window, { code });
    }
    const raw = parseBriefingOutput(answer);
    const checked = raw ? verifyBriefing(raw, articles, profile.maxBullets) : null;
    // Output hygiene: Markdown, mentions, links, word limits, duplicate bullets.
    const verified = checked && { ...checked, ...finishBriefing(checked, this.finishing(request)) };
    if (!verified?.bullets.length) {
      log.warn(
        { answerChars: answer.length, parsed: Boolean(raw) },
        'llm answer had no usable cited bullets; answering with an extractive briefing',
      );
      return this.extractive(articles, request, window, { code: 'unusable' });
    }
    // Every number, date, quote and name must be in the articles a bullet cites: failing bullets are
    // dropped (no second LLM call); a mostly unsupported answer is not trusted at all.
    const supported = supportBriefing(verified, articles, neutralHeadline(request.topic));
    for (const { bullet, claims } of supported.failed)
      log.warn({ bullet, claims }, 'bullet dropped: claims not found in its sources');
    if (supported.headlineClaims.length)
      log.warn(
        { headline: verified.headline, claims: supported.headlineClaims },
        'headline replaced: claims not found in its sources',
      );
    if (supported.tooFew) {
      log.warn(
        { written: verified.bullets.length, kept: supported.bullets.length },
        'llm answer did not match its sources; answering with an extractive briefing',
      );
      return this.extractive(articles, request, window, { code: 'unsupported' });
    }
    log.info(
      {
        ms: this.now() - started,
        dropped: { ...verified.dropped, unsupported: supported.failed.length },
        bullets: supported.bullets.length,
      },
      'briefing written',
    );
    const briefing: Briefing = {
      ...this.meta(articles, request, window),
      headline: supported.headline,
      bullets: supported.bullets,
      sources: supported.sources,
      kind: 'llm',
      model: llm!.model,
      fallbackReason: null,
      language,
      setKey: keys.set,
      articleIds: articles.map((a) => a.id),
    };
    if (complete) {
      const { cache } = this.options;
      await cache.set(keys.exact, briefing);
      // For other languages (translated from this one) and for newer article sets of this topic.
      if (!usable(await cache.get(keys.set))) await cache.set(keys.set, briefing);
      if ((this.options.refreshMs ?? 0) > 0) {
        await cache.set(keys.latest, briefing);
        await cache.set(keys.latestAny, briefing);
      }
    } else
      log.info(
        { lead: notes.filter((n) => n.kind === 'lead').length },
        'briefing not cached: some notes came from the lead',
      );
    return briefing;
  }

  private extractive(
    articles: Article[],
    request: BriefingRequest,
    window: Briefing['window'],
    fallback: NonNullable<Briefing['fallback']>,
  ): Briefing {
    const profile = LENGTH_PROFILES[request.length];
    // Output hygiene: the extractive briefing is finished like the model's.
    const content = finishBriefing(
      extractiveBriefing(articles, {
        topic: request.topic,
        bullets: profile.bullets,
        wordsPerBullet: profile.wordsPerBullet,
      }),
      this.finishing(request),
    );
    const briefing: Briefing = {
      ...this.meta(articles, request, window),
      ...content,
      kind: 'extractive',
      model: null,
      fallbackReason: null,
      fallback,
    };
    // The English words, for logs and older readers; transports word `fallback` in the reader's language.
    return { ...briefing, fallbackReason: fallbackText(briefing, 'en') };
  }

  /** The finishing limits of a request: its length's word limits and a fallback headline in its language. */
  private finishing(request: BriefingRequest) {
    return {
      ...LENGTH_PROFILES[request.length],
      defaultHeadline: t(request.locale, 'briefing.defaultHeadline'),
    };
  }

  private meta(articles: Article[], request: BriefingRequest, window: Briefing['window']) {
    const times = articles.map(effectiveTime);
    return {
      promptVersion: this.prompt.version,
      generatedAt: this.now(),
      topic: request.topic,
      length: request.length,
      articleCount: articles.length,
      sourceNames: [...new Set(articles.map((a) => a.source))],
      span: { from: Math.min(...times), to: Math.max(...times) },
      window,
    };
  }
}
