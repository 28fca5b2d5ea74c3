import type { Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import type { DigestStore } from './digest-store.js';
import { toPostError, type DigestContent, type DigestTransport } from './poster.js';
import type { RunLedger } from './run-ledger.js';
import { TimeoutError, withTimeout, type Timers } from '../timers.js';
import type { Digest, DigestWriter, RunRecord, RunStatus } from './types.js';
import { digestNews, type ArticlesSince, type WhatsNew, type WhatsNewOptions } from './whats-new.js';

/** What one run needs. */
export interface DigestRunnerOptions {
  digests: DigestStore;
  ledger: RunLedger;
  find: ArticlesSince;
  write: DigestWriter;
  post: DigestTransport['post'];
  afterPost?: DigestTransport['afterPost'];
  now: () => number;
  timers: Timers;
  logger: Logger;
  writeTimeoutMs: number;
  postTimeoutMs: number;
  whatsNew?: WhatsNewOptions;
}

const PAUSE_FOR = { gone: 'channel_gone', forbidden: 'missing_access' } as const;

/**
 * Carries one claimed run to its result in the ledger: collect what is new, write the briefing
 * (bounded), send it once with the run's nonce (bounded), record posted / nothing_new / failed, and
 * pause the digest when Discord says the channel is gone or closed to the bot. Never throws.
 */
export class DigestRunner {
  constructor(private readonly o: DigestRunnerOptions) {}

  /** Runs `run` (claimed by this process). Resolves with the status recorded ('posting' when the send outlived its timeout). */
  async execute(digest: Digest, run: RunRecord): Promise<RunStatus> {
    const { ledger, logger, timers } = this.o;
    const log = logger.child({
      guildId: digest.guildId,
      digestId: digest.id,
      localDate: run.localDate,
      attempt: run.attempts,
    });
    try {
      const { news, write } = digestNews(this.o, digest, this.o.now());
      let content: DigestContent;
      if (!news.articles.length) {
        if (!digest.quietNote) {
          this.finish(
            run,
            { status: 'nothing_new', reason: `no new articles since ${new Date(news.since).toISOString()}` },
            log,
          );
          log.info({ since: news.since }, 'digest: nothing new');
          return 'nothing_new';
        }
        content = { kind: 'quiet', since: news.since };
      } else {
        try {
          const result = await withTimeout(write(), this.o.writeTimeoutMs, timers, 'writing the briefing');
          content = { kind: 'briefing', result, stories: news.stories, since: news.since };
        } catch (err) {
          log.warn({ err }, 'digest: briefing could not be written');
          this.finish(
            run,
            {
              status: 'failed',
              retryable: true,
              reason: `the briefing could not be written: ${errorMessage(err)}`,
            },
            log,
          );
          return 'failed';
        }
      }
      if (!ledger.markPosting(run, this.o.now())) {
        log.warn('digest: claim lost before sending; not sending');
        return ledger.get(run)?.status ?? 'failed';
      }
      const sending = this.o.post(digest, content, {
        nonce: run.nonce,
        late: run.late,
        localDate: run.localDate,
        scheduledAt: run.scheduledAt,
      });
      try {
        const { messageId } = await withTimeout(sending, this.o.postTimeoutMs, timers, 'sending to Discord');
        return await this.posted(digest, run, content, news, messageId, log);
      } catch (err) {
        if (!(err instanceof TimeoutError)) return this.failed(digest, run, err, log);
        // The send may still land: record whatever it finally does; the row stays 'posting' until then.
        log.warn({ err }, 'digest: send still pending after the timeout');
        sending
          .then(
            (p) => this.posted(digest, run, content, news, p.messageId, log),
            (e: unknown) => this.failed(digest, run, e, log),
          )
          .catch((e: unknown) => log.error({ err: e }, 'digest: late result not recorded'));
        return 'posting';
      }
    } catch (err) {
      log.error({ err }, 'digest run failed unexpectedly');
      this.finish(
        run,
        { status: 'failed', retryable: true, reason: `internal error: ${errorMessage(err)}` },
        log,
      );
      return 'failed';
    }
  }

  private async posted(
    digest: Digest,
    run: RunRecord,
    content: DigestContent,
    news: WhatsNew,
    messageId: string,
    log: Logger,
  ): Promise<RunStatus> {
    if (content.kind === 'quiet') {
      this.finish(run, { status: 'nothing_new', messageId, reason: 'quiet-day note posted' }, log);
      return 'nothing_new';
    }
    this.finish(
      run,
      { status: 'posted', messageId, articleCount: news.articles.length, coveredUntil: news.until },
      log,
    );
    log.info(
      {
        messageId,
        articles: news.articles.length,
        stories: news.stories,
        late: run.late,
        kind: content.result.briefing.kind,
      },
      'digest posted',
    );
    if (this.o.afterPost) {
      try {
        await this.o.afterPost(digest, messageId);
      } catch (err) {
        log.warn({ err, messageId }, 'digest: after-post step (pin) failed');
        this.finish(
          run,
          {
            status: 'posted',
            messageId,
            articleCount: news.articles.length,
            coveredUntil: news.until,
            reason: `posted, but pinning failed: ${errorMessage(err)}`,
          },
          log,
        );
      }
    }
    return 'posted';
  }

  private failed(digest: Digest, run: RunRecord, err: unknown, log: Logger): RunStatus {
    const problem = toPostError(err);
    const pause = problem.kind === 'gone' || problem.kind === 'forbidden' ? PAUSE_FOR[problem.kind] : null;
    const label =
      pause === 'channel_gone'
        ? 'channel gone'
        : pause === 'missing_access'
          ? 'missing access'
          : problem.kind === 'transient'
            ? 'Discord error (will retry once)'
            : 'Discord refused';
    this.finish(
      run,
      { status: 'failed', retryable: problem.kind === 'transient', reason: `${label}: ${problem.message}` },
      log,
    );
    if (pause) {
      this.o.digests.setPaused(
        digest.guildId,
        digest.id,
        { reason: pause, detail: problem.message, at: this.o.now() },
        this.o.now(),
      );
      log.warn(
        { err, reason: pause },
        'digest paused: Discord refused the channel; /digest resume re-enables it',
      );
    } else {
      log.warn({ err, kind: problem.kind }, 'digest: send failed');
    }
    return 'failed';
  }

  private finish(run: RunRecord, outcome: Parameters<RunLedger['finish']>[1], log: Logger): void {
    if (!this.o.ledger.finish(run, outcome, this.o.now()))
      log.warn(
        { status: outcome.status },
        'digest: claim was taken over; result not recorded by this process',
      );
  }
}
