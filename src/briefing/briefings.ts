import type { Article } from '../articles/article.js';
import { effectiveTime } from '../articles/article.js';
import { contentKey } from '../cache/content-key.js';
import { SingleFlight } from '../cache/single-flight.js';
import type { Logger } from '../logger.js';
import { BRIEFING_VARIABLES, buildBriefingMessages, languageFor } from './build-prompt.js';
import { extractiveBriefing } from './extractive.js';
import { finishBriefing } from './finish.js';
import { LENGTH_PROFILES } from './lengths.js';
import { LlmError, type LlmClient } from './llm-client.js';
import { BRIEFING_JSON_SCHEMA, parseBriefingOutput } from './parse-output.js';
import { loadPrompt, type PromptTemplate } from './prompt.js';
import { normalizeTopic, selectArticles, type ArticleQuery } from './select.js';
import type { Briefing, BriefingRequest, BriefingResult } from './types.js';
import { verifyBriefing } from './verify.js';

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
}

/** Loads prompts/briefing.md, checked against the variables the engine fills. */
export function loadBriefingPrompt(dir?: string): PromptTemplate {
  return loadPrompt('briefing', BRIEFING_VARIABLES, dir);
}

/**
 * The transport-free briefing engine every entry point calls: selects articles, answers from the cache
 * when the same prompt, model, options and article contents were summarised before, and otherwise
 * makes one LLM call shared by all concurrent identical requests. Always answers: without an LLM, or
 * when it fails, with an extractive briefing of the same articles (never cached).
 */
export class Briefings {
  readonly prompt: PromptTemplate;
  private readonly flights = new SingleFlight<string, Briefing>();
  private readonly now: () => number;

  constructor(private readonly options: BriefingsOptions) {
    this.prompt = options.prompt ?? loadBriefingPrompt();
    this.now = options.now ?? Date.now;
  }

  /** A briefing for the request. Throws a UserFacingError when no article matches. */
  async get(request: BriefingRequest): Promise<BriefingResult> {
    const topic = normalizeTopic(request.topic);
    const profile = LENGTH_PROFILES[request.length];
    const limit = Math.min(profile.articles, this.options.maxArticles);
    const selection = selectArticles(this.options.articles, {
      topic,
      hours: request.hours,
      limit,
      now: this.now(),
    });
    return this.summarize(
      selection.articles,
      { ...request, topic },
      { hours: request.hours, widened: selection.widened },
    );
  }

  /**
   * A briefing of exactly these articles (best first), e.g. a digest's "what is new". Same cache,
   * single-flight and fallback as `get`; at most the length's article count is used.
   */
  async forArticles(articles: readonly Article[], request: BriefingRequest): Promise<BriefingResult> {
    if (!articles.length) throw new Error('forArticles needs at least one article');
    const profile = LENGTH_PROFILES[request.length];
    const chosen = articles.slice(0, Math.min(profile.articles, this.options.maxArticles));
    return this.summarize(
      chosen,
      { ...request, topic: normalizeTopic(request.topic) },
      { hours: request.hours, widened: false },
    );
  }

  private async summarize(
    articles: Article[],
    request: BriefingRequest,
    window: Briefing['window'],
  ): Promise<BriefingResult> {
    const language = languageFor(request.locale);
    const { llm, logger } = this.options;
    if (!llm) {
      return {
        briefing: this.extractive(articles, request, window, 'no language model is configured'),
        cached: false,
      };
    }
    const key = contentKey({
      kind: 'briefing',
      prompt: this.prompt.version,
      model: llm.model,
      length: request.length,
      topic: request.topic?.toLowerCase() ?? null,
      language,
      // Sorted: the same articles in another rank order are the same briefing.
      articles: articles.map((a) => [a.id, a.contentHash] as const).sort((a, b) => a[0] - b[0]),
    });
    const hit = await this.options.cache.get(key);
    if (hit?.kind === 'llm' && Array.isArray(hit.bullets)) {
      logger.debug({ key, promptVersion: this.prompt.version }, 'briefing cache hit');
      // Output hygiene (q10-x): entries cached before it existed get it too; it is idempotent.
      const finished = finishBriefing(hit, LENGTH_PROFILES[request.length]);
      return { briefing: { ...hit, ...finished, window }, cached: true };
    }
    const briefing = await this.flights.run(key, () => this.write(key, articles, request, language));
    return { briefing: { ...briefing, window }, cached: false };
  }

  private async write(
    key: string,
    articles: Article[],
    request: BriefingRequest,
    language: string,
  ): Promise<Briefing> {
    const { llm, logger } = this.options;
    const profile = LENGTH_PROFILES[request.length];
    const log = logger.child({
      key,
      promptVersion: this.prompt.version,
      model: llm!.model,
      articles: articles.length,
    });
    const window = { hours: request.hours, widened: false };
    let answer: string;
    const started = this.now();
    try {
      const deadline = AbortSignal.timeout(this.options.writeDeadlineMs ?? 240_000);
      answer = await llm!.completeJson(
        buildBriefingMessages(this.prompt, { articles, topic: request.topic, profile, language }),
        'briefing',
        BRIEFING_JSON_SCHEMA,
        deadline,
      );
    } catch (err) {
      const reason = err instanceof LlmError ? err.message : 'the language model failed';
      log.warn({ err, reason }, 'llm call failed; answering with an extractive briefing');
      return this.extractive(articles, request, window, reason);
    }
    const raw = parseBriefingOutput(answer);
    const checked = raw ? verifyBriefing(raw, articles, profile.maxBullets) : null;
    // Output hygiene (q10-x): Markdown, mentions, links, word limits, duplicate bullets.
    const verified = checked && { ...checked, ...finishBriefing(checked, profile) };
    if (!verified?.bullets.length) {
      log.warn(
        { answerChars: answer.length, parsed: Boolean(raw) },
        'llm answer had no usable cited bullets; answering with an extractive briefing',
      );
      return this.extractive(articles, request, window, 'the language model returned an unusable answer');
    }
    log.info(
      { ms: this.now() - started, dropped: verified.dropped, bullets: verified.bullets.length },
      'briefing written',
    );
    const briefing: Briefing = {
      ...this.meta(articles, request, window),
      headline: verified.headline,
      bullets: verified.bullets,
      sources: verified.sources,
      kind: 'llm',
      model: llm!.model,
      fallbackReason: null,
    };
    await this.options.cache.set(key, briefing);
    return briefing;
  }

  private extractive(
    articles: Article[],
    request: BriefingRequest,
    window: Briefing['window'],
    reason: string,
  ): Briefing {
    const profile = LENGTH_PROFILES[request.length];
    // Output hygiene (q10-x): the extractive briefing is finished like the model's.
    const content = finishBriefing(
      extractiveBriefing(articles, {
        topic: request.topic,
        bullets: profile.bullets,
        wordsPerBullet: profile.wordsPerBullet,
      }),
      profile,
    );
    return {
      ...this.meta(articles, request, window),
      ...content,
      kind: 'extractive',
      model: null,
      fallbackReason: reason,
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
