/** Test helpers for digests: a fake clock with fake timers, a temp database, a fake writer and a fake Discord channel. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, NewArticle } from '../../src/articles/article.js';
import { openDatabase, type Db } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { articlesSince } from '../../src/articles/store.js';
import type { BriefingResult } from '../../src/briefing/types.js';
import { DigestScheduler, type DigestSchedulerOptions } from '../../src/digest/digest-scheduler.js';
import { DigestStore } from '../../src/digest/digest-store.js';
import { RunLedger } from '../../src/digest/run-ledger.js';
import type { Timers } from '../../src/timers.js';
import type { DigestContent, PostMeta } from '../../src/digest/poster.js';
import type { Digest, DigestWriteOptions } from '../../src/digest/types.js';
import { recordingLogger } from '../support/app-fixtures.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Lets promise callbacks and I/O callbacks run. */
export async function flush(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A clock that only moves when told to, with timers that fire as it passes them (no real waiting). */
export class FakeClock implements Timers {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start: number | string) {
    this.t = typeof start === 'string' ? Date.parse(start) : start;
  }

  readonly now = (): number => this.t;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order, letting async work settle between. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await flush();
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.timers)
        if (
          entry[1].at <= target &&
          (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[0] < next[0]))
        )
          next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = target;
    await flush();
  }

  /** Moves to an ISO time (or epoch ms). */
  advanceTo(when: string | number): Promise<void> {
    const at = typeof when === 'string' ? Date.parse(when) : when;
    return this.advance(Math.max(0, at - this.t));
  }

  /** Timers of one process: after `kill()` its pending timers never fire and new ones are ignored (a crash). */
  process(): Timers & { kill(): void } {
    const mine = new Set<unknown>();
    let dead = false;
    return {
      setTimeout: (fn, ms) => {
        const handle = this.setTimeout(() => {
          mine.delete(handle);
          if (!dead) fn();
        }, ms);
        mine.add(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        mine.delete(handle);
        this.clearTimeout(handle);
      },
      kill: () => {
        dead = true;
        for (const handle of mine) this.clearTimeout(handle);
        mine.clear();
      },
    };
  }

  /** Jumps without firing anything (time passing while the process was down). */
  jump(ms: number): void {
    this.t += ms;
  }
}

/** A database file in a temp folder, with as many connections to it as asked for. */
export function tempDatabase(): { path: string; open(): Db; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-digest-'));
  const path = join(dir, 'newsdesk.db');
  const opened: Db[] = [];
  return {
    path,
    open() {
      const db = openDatabase(path);
      opened.push(db);
      return db;
    },
    cleanup() {
      for (const db of opened) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let articleSeq = 0;
/** An article about `subject`, published `hoursAgo` before `now` and fetched at `now`. */
export function newArticle(
  now: number,
  subject: string,
  overrides: Partial<NewArticle> & { hoursAgo?: number } = {},
): NewArticle {
  const { hoursAgo = 1, ...rest } = overrides;
  const n = ++articleSeq;
  return {
    url: `https://news.example/${n}`,
    source: 'Example News',
    title: `${subject} report ${n}`,
    byline: null,
    publishedAt: now - hoursAgo * HOUR,
    fetchedAt: now,
    body: `${subject} was in the news again today. Officials commented on ${subject} and what comes next, article ${n}.`,
    imageUrl: null,
    ...rest,
  };
}

/** A writer that records its calls and answers with a small cited briefing. */
export function fakeWriter(now: () => number) {
  const calls: { articles: Article[]; options: DigestWriteOptions }[] = [];
  const write = async (articles: Article[], options: DigestWriteOptions): Promise<BriefingResult> => {
    calls.push({ articles, options });
    const times = articles.map((a) => a.publishedAt ?? a.fetchedAt);
    return {
      cached: false,
      briefing: {
        headline: `${articles.length} new articles`,
        bullets: [{ text: articles[0]!.title, cites: [1] }],
        sources: [
          {
            n: 1,
            articleId: articles[0]!.id,
            title: articles[0]!.title,
            url: articles[0]!.url,
            source: articles[0]!.source,
            publishedAt: articles[0]!.publishedAt,
          },
        ],
        kind: 'llm',
        model: 'fake',
        fallbackReason: null,
        promptVersion: 'test',
        generatedAt: now(),
        topic: options.topic,
        length: options.length,
        articleCount: articles.length,
        sourceNames: [...new Set(articles.map((a) => a.source))],
        span: { from: Math.min(...times), to: Math.max(...times) },
        window: { hours: options.hours, widened: false },
      },
    };
  };
  return { write, calls };
}

/** One message in the fake channel. */
export interface SentMessage {
  id: string;
  guildId: string;
  channelId: string;
  digestId: string;
  kind: DigestContent['kind'];
  meta: PostMeta;
  at: number;
}

/**
 * A fake Discord channel shared by every process of a test: it keeps the messages, and like Discord
 * with `enforce_nonce`, returns the earlier message for a nonce seen within `nonceWindowMs`.
 * `behave` can make a send fail, hang, or "crash" (deliver, then never answer).
 */
export class FakeChannel {
  readonly messages: SentMessage[] = [];
  readonly attempts: { digestId: string; meta: PostMeta; at: number }[] = [];
  private readonly nonces = new Map<string, { id: string; at: number }>();
  private seq = 0;
  behave: (digest: Digest, meta: PostMeta) => 'ok' | 'hang' | 'deliver_then_hang' | Error = () => 'ok';

  constructor(
    private readonly now: () => number,
    readonly nonceWindowMs = 2 * MINUTE,
  ) {}

  readonly post = async (
    digest: Digest,
    content: DigestContent,
    meta: PostMeta,
  ): Promise<{ messageId: string }> => {
    this.attempts.push({ digestId: digest.id, meta, at: this.now() });
    const how = this.behave(digest, meta);
    if (how instanceof Error) throw how;
    if (how === 'hang') return new Promise<never>(() => {});
    const seen = this.nonces.get(meta.nonce);
    if (seen && this.now() - seen.at <= this.nonceWindowMs) return { messageId: seen.id };
    const id = `m${++this.seq}`;
    this.messages.push({
      id,
      guildId: digest.guildId,
      channelId: digest.channelId,
      digestId: digest.id,
      kind: content.kind,
      meta,
      at: this.now(),
    });
    this.nonces.set(meta.nonce, { id, at: this.now() });
    if (how === 'deliver_then_hang') return new Promise<never>(() => {});
    return { messageId: id };
  };
}

/** A digest saved directly in the store (no validation), created well before the test's first run. */
export function saveDigest(store: DigestStore, overrides: Partial<Digest> = {}): Digest {
  const digest: Digest = {
    guildId: 'g1',
    id: 'morning',
    name: 'morning',
    channelId: 'c1',
    time: '08:00',
    timezone: 'Europe/Berlin',
    topic: null,
    length: 'standard',
    pin: false,
    quietNote: false,
    locale: null,
    paused: null,
    createdBy: 'u1',
    createdAt: 0,
    updatedAt: 0,
    scheduleFrom: 0,
    lastSuccessAt: null,
    ...overrides,
  };
  store.save(digest);
  return digest;
}

/** One bot process: its own connection to the shared file, store, ledger and scheduler. */
export function botProcess(
  db: Db,
  clock: FakeClock,
  channel: FakeChannel,
  overrides: Partial<DigestSchedulerOptions> = {},
) {
  const log = recordingLogger('debug');
  const articles = new ArticleStore({ db, now: clock.now });
  const digests = new DigestStore(db);
  const ledger = new RunLedger(db);
  const writer = fakeWriter(clock.now);
  const timers = clock.process();
  const scheduler = new DigestScheduler({
    digests,
    ledger,
    find: (o) => articlesSince(db, o),
    write: writer.write,
    post: channel.post,
    now: clock.now,
    timers,
    logger: log.logger,
    ...overrides,
  });
  /** The process dies: its timers stop; its pending promises never go on. */
  const crash = () => timers.kill();
  return { db, articles, digests, ledger, writer, scheduler, log, crash };
}
