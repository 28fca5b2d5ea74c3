import { safeText } from '../briefing/sanitize.js';
import type { DigestOverview } from '../digest/digest-service.js';
import type { FeedRecord } from '../ingest/feed-registry.js';
import { discordTime } from './describe-digest.js';
import { formatNumber, t } from '../i18n/index.js';

/** What the running process knows about itself, for /newsdesk status. */
export interface RuntimeStatus {
  /** package.json version. */
  version: string;
  promptVersion: string;
  startedAt: number;
  now: number;
  articles: { count: number; newest: { title: string; at: number } | null };
  /** Briefing cache lookups since start. */
  cache: { label: string; hits: number; misses: number };
  /** Null when no LLM is configured (extractive briefings). */
  llm: { model: string; endpoint: string } | null;
  /** LLM calls of the current UTC day, kept in the database (so they survive a restart). */
  llmToday: { calls: number; failures: number; inputTokens: number; outputTokens: number };
}

/** Where /newsdesk status reads the process's figures (`ctx.status`); built by createApp. */
export interface StatusSource {
  snapshot(): RuntimeStatus;
}

/** A count with its thousands grouped ("1,234" in English, "1.234" in German). */
const number = (n: number, locale?: string) => formatNumber(locale, n);

/** "3 d 4 h", "2 h 13 min", "5 min", "40 s". */
export function uptimeText(ms: number, locale?: string): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d) return t(locale, 'time.dh', { d, h });
  if (h) return t(locale, 'time.hm', { h, m });
  if (m) return t(locale, 'time.m', { m });
  return t(locale, 'time.s', { s });
}

/** "2 ok · 1 failing · 0 disabled", with feeds not read yet when there are any. */
export function feedHealthText(feeds: readonly FeedRecord[], locale?: string): string {
  let ok = 0;
  let failing = 0;
  let disabled = 0;
  let waiting = 0;
  for (const f of feeds) {
    if (f.disabledReason !== null) disabled += 1;
    else if (f.failingSince !== null) failing += 1;
    else if (f.lastOkAt !== null) ok += 1;
    else waiting += 1;
  }
  const text = t(locale, 'status.feedHealth', { ok, failing, disabled });
  return waiting ? t(locale, 'status.feedWaiting', { health: text, count: waiting }) : text;
}

/** "75 % hits (30 of 40 lookups since start)". */
export function hitRateText(hits: number, misses: number, locale?: string): string {
  const total = hits + misses;
  if (!total) return t(locale, 'status.noLookups');
  return t(locale, 'status.hitRate', {
    percent: Math.round((hits / total) * 100),
    hits: number(hits, locale),
    total: number(total, locale),
  });
}

/**
 * The /newsdesk status reply: version and prompt version, uptime, articles, feeds, cache, LLM usage
 * today, and this server's next digests, in `locale`'s language. `guildId` null (the console): the
 * per-server parts say so.
 */
export function statusText(input: {
  status: RuntimeStatus;
  guildId: string | null;
  serverFeeds: readonly FeedRecord[];
  operatorFeeds: readonly FeedRecord[];
  digests: readonly DigestOverview[] | null;
  locale?: string;
}): string {
  const { status: s, guildId, locale } = input;
  const lines = [
    t(locale, 'status.title', {
      version: s.version,
      prompt: s.promptVersion,
      uptime: uptimeText(s.now - s.startedAt, locale),
    }),
  ];
  const newest = s.articles.newest;
  const articles = t(locale, 'status.articles', { count: number(s.articles.count, locale) });
  lines.push(
    newest
      ? t(locale, 'status.newest', {
          articles,
          title: safeText(newest.title, 90, 'strip'),
          at: discordTime(newest.at),
        })
      : articles,
  );
  const none = t(locale, 'status.none');
  lines.push(
    guildId
      ? t(locale, 'status.feedsServer', {
          feeds: input.serverFeeds.length ? feedHealthText(input.serverFeeds, locale) : none,
        })
      : t(locale, 'status.feedsConsole'),
  );
  lines.push(
    t(locale, 'status.feedsOperator', {
      feeds: input.operatorFeeds.length ? feedHealthText(input.operatorFeeds, locale) : none,
    }),
  );
  lines.push(
    t(locale, 'status.cache', {
      label: s.cache.label.replace(/`/g, '').slice(0, 80),
      rate: hitRateText(s.cache.hits, s.cache.misses, locale),
    }),
  );
  const u = s.llmToday;
  const calls = t(locale, 'status.calls', { count: u.calls });
  const today = t(locale, 'status.tokens', {
    calls: u.failures
      ? t(locale, 'status.callsFailed', { calls, failed: number(u.failures, locale) })
      : calls,
    input: number(u.inputTokens, locale),
    output: number(u.outputTokens, locale),
  });
  lines.push(
    s.llm
      ? t(locale, 'status.llm', {
          endpoint: safeText(s.llm.endpoint, 80, 'strip'),
          model: safeText(s.llm.model, 60, 'strip'),
          today,
        })
      : u.calls
        ? t(locale, 'status.noLlmToday', { today })
        : t(locale, 'status.noLlm'),
  );
  lines.push(t(locale, 'status.nextDigests', { digests: digestsText(input.digests, guildId, locale) }));
  return lines.join('\n');
}

function digestsText(
  digests: readonly DigestOverview[] | null,
  guildId: string | null,
  locale: string | undefined,
): string {
  if (!guildId) return t(locale, 'status.digestsConsole');
  if (!digests) return t(locale, 'status.digestsUnavailable');
  if (!digests.length) return t(locale, 'status.digestsNone');
  const upcoming = [...digests].sort(
    (a, b) => (a.nextRun?.at ?? Number.POSITIVE_INFINITY) - (b.nextRun?.at ?? Number.POSITIVE_INFINITY),
  );
  // At most this many, so the reply stays far within Discord's 2000 characters (25 digests would not).
  const shown = upcoming.slice(0, 6);
  const more = upcoming.length - shown.length;
  return shown
    .map(({ digest, nextRun }) => {
      const name = `\`${safeText(digest.name, 40, 'strip')}\``;
      if (digest.paused) return t(locale, 'status.digestPaused', { name });
      return nextRun
        ? t(locale, 'status.digestNext', { name, when: discordTime(nextRun.at), channel: digest.channelId })
        : t(locale, 'status.digestUnscheduled', { name });
    })
    .join(' · ')
    .concat(more ? ` · ${t(locale, 'status.digestsMore', { count: more })}` : '');
}
