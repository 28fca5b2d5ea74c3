import { buildFtsQuery } from '../articles/fts-query.js';
import { LENGTHS } from '../briefing/types.js';
import { UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { digestIdFrom } from './digest-store.js';
import type { DigestOverview, DigestPreview, DigestService, DigestSetInput } from './digest-service.js';
import type { DigestStore } from './digest-store.js';
import type { RunLedger } from './run-ledger.js';
import { nextOccurrence, parseTimeOfDay, type Occurrence } from './schedule.js';
import { resolveTimeZone, timeZoneChoices } from './time-zones.js';
import type { Digest, DigestWriter } from './types.js';
import { digestNews, type ArticlesSince, type WhatsNewOptions } from './whats-new.js';

/** Default DIGEST_MAX_PER_GUILD. */
export const DEFAULT_MAX_PER_GUILD = 5;
const CLEAR_TOPIC = new Set(['-', '*', 'all', 'none']);

/** What the manager is built from. */
export interface DigestManagerOptions {
  digests: DigestStore;
  ledger: RunLedger;
  find: ArticlesSince;
  write: DigestWriter;
  now: () => number;
  /** DIGEST_MAX_PER_GUILD (default 5). */
  maxPerGuild?: number;
  /** Called after every change (wire to DigestScheduler.refresh). */
  onChange?: () => void;
  whatsNew?: WhatsNewOptions;
}

/**
 * The next run that will actually happen: none while paused; otherwise the next scheduled time after
 * now (and after the last change), passing over local dates the ledger already has a run for (a time
 * moved later on a day that was already posted).
 */
function upcomingRun(digest: Digest, ledger: RunLedger, now: number): Occurrence | null {
  if (digest.paused) return null;
  let next = nextOccurrence(digest, Math.max(now, digest.scheduleFrom));
  for (
    let i = 0;
    i < 3 && ledger.get({ guildId: digest.guildId, digestId: digest.id, localDate: next.localDate });
    i++
  ) {
    next = nextOccurrence(digest, next.at);
  }
  return next;
}

/** The {@link DigestService} over the SQLite store and ledger. */
export class DigestManager implements DigestService {
  readonly maxPerGuild: number;

  constructor(private readonly o: DigestManagerOptions) {
    this.maxPerGuild = o.maxPerGuild ?? DEFAULT_MAX_PER_GUILD;
  }

  set(input: DigestSetInput): ReturnType<DigestService['set']> {
    const time = parseTimeOfDay(input.time);
    const timezone = resolveTimeZone(input.timezone);
    const name = (input.name ?? '').replace(/\s+/g, ' ').trim().slice(0, 40) || 'daily';
    const id = digestIdFrom(name);
    if (!id) throw new UserFacingError(msg('digest.nameNeedsLetter'));
    const existing = this.o.digests.get(input.guildId, id);
    if (!existing && this.o.digests.count(input.guildId) >= this.maxPerGuild) {
      throw new UserFacingError(msg('digest.limit', { max: this.maxPerGuild }));
    }
    const topic = this.topic(input.topic, existing);
    if (input.length && !LENGTHS.includes(input.length))
      throw new UserFacingError(msg('digest.lengthOneOf', { lengths: LENGTHS.join(', ') }));
    const now = this.o.now();
    const rescheduled = existing?.time !== time || existing.timezone !== timezone;
    // Setting a digest again re-checks its channel, so a pause for a lost channel ends here; an admin's pause stays.
    const paused = existing?.paused?.reason === 'by_admin' ? existing.paused : null;
    const digest: Digest = {
      guildId: input.guildId,
      id,
      name,
      channelId: input.channelId,
      time,
      timezone,
      topic,
      length: input.length ?? existing?.length ?? 'standard',
      pin: input.pin ?? existing?.pin ?? false,
      quietNote: input.quietNote ?? existing?.quietNote ?? false,
      locale: input.locale ?? existing?.locale ?? null,
      language: input.language === 'server' ? null : (input.language ?? existing?.language ?? null),
      paused,
      createdBy: existing?.createdBy ?? input.userId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      scheduleFrom: rescheduled || (existing.paused && !paused) ? now : existing.scheduleFrom,
      lastSuccessAt: existing?.lastSuccessAt ?? null,
    };
    this.o.digests.save(digest);
    this.o.onChange?.();
    return { digest, created: !existing, nextRun: upcomingRun(digest, this.o.ledger, now) };
  }

  list(guildId: string): DigestOverview[] {
    const now = this.o.now();
    return this.o.digests.list(guildId).map((digest) => ({
      digest,
      nextRun: upcomingRun(digest, this.o.ledger, now),
      lastRun: this.o.ledger.latest(guildId, digest.id, 1)[0] ?? null,
    }));
  }

  find(guildId: string, ref: string): Digest | null {
    return this.o.digests.find(guildId, ref);
  }

  remove(guildId: string, ref: string): Digest {
    const digest = this.require(guildId, ref);
    this.o.digests.remove(guildId, digest.id);
    this.o.onChange?.();
    return digest;
  }

  pause(guildId: string, ref: string, by: string): Digest {
    const digest = this.require(guildId, ref);
    const now = this.o.now();
    const paused = { reason: 'by_admin' as const, detail: by, at: now };
    this.o.digests.setPaused(guildId, digest.id, paused, now);
    this.o.onChange?.();
    return { ...digest, paused };
  }

  resume(guildId: string, ref: string): ReturnType<DigestService['resume']> {
    const found = this.require(guildId, ref);
    const now = this.o.now();
    // Times missed while paused are not made up: scheduling starts again from now.
    const digest: Digest = {
      ...found,
      paused: null,
      updatedAt: now,
      scheduleFrom: found.paused ? now : found.scheduleFrom,
    };
    this.o.digests.save(digest);
    this.o.onChange?.();
    return { digest, nextRun: upcomingRun(digest, this.o.ledger, now) };
  }

  async preview(guildId: string, ref: string | null): Promise<DigestPreview> {
    const digest = ref ? this.require(guildId, ref) : this.only(guildId);
    const { news, write } = digestNews(this.o, digest, this.o.now());
    if (!news.articles.length) return { kind: 'nothing_new', digest, since: news.since };
    const result = await write();
    return {
      kind: 'briefing',
      digest,
      result,
      articles: news.articles.length,
      stories: news.stories,
      since: news.since,
    };
  }

  nameChoices(guildId: string, query: string): string[] {
    const q = query.trim().toLowerCase();
    return this.o.digests
      .list(guildId)
      .map((d) => d.name)
      .filter((n) => n.toLowerCase().includes(q))
      .slice(0, 25);
  }

  timeZoneChoices(query: string): string[] {
    return timeZoneChoices(query, 25);
  }

  private topic(raw: string | null | undefined, existing: Digest | null): string | null {
    if (raw === null || raw === undefined) return existing?.topic ?? null;
    const topic = raw.replace(/\s+/g, ' ').trim().slice(0, 100);
    if (!topic || CLEAR_TOPIC.has(topic.toLowerCase())) return null;
    if (buildFtsQuery(topic) === null) throw new UserFacingError(msg('digest.topicNeedsWord'));
    return topic;
  }

  private require(guildId: string, ref: string): Digest {
    const digest = this.o.digests.find(guildId, ref);
    if (digest) return digest;
    const names = this.o.digests.list(guildId).map((d) => `\`${d.name}\``);
    throw new UserFacingError(
      names.length ? msg('digest.noSuchName', { ref: ref.slice(0, 40), names }) : msg('digest.noneYet'),
    );
  }

  private only(guildId: string): Digest {
    const all = this.o.digests.list(guildId);
    if (all.length === 1) return all[0]!;
    if (!all.length) throw new UserFacingError(msg('digest.noneYet'));
    throw new UserFacingError(msg('digest.which', { names: all.map((d) => `\`${d.name}\``) }));
  }
}
