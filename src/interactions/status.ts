import { safeText } from '../briefing/sanitize.js';
import type { DigestOverview } from '../digest/digest-service.js';
import type { FeedRecord } from '../ingest/feed-registry.js';
import { discordTime } from './describe-digest.js';

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

const number = (n: number) => n.toLocaleString('en-US');

/** "3 d 4 h", "2 h 13 min", "5 min", "40 s". */
export function uptimeText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min`;
  return `${s} s`;
}

/** "2 ok · 1 failing · 0 disabled", with feeds not read yet when there are any. */
export function feedHealthText(feeds: readonly FeedRecord[]): string {
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
  const text = `${ok} ok · ${failing} failing · ${disabled} disabled`;
  return waiting ? `${text} · ${waiting} not read yet` : text;
}

/** "75 % hits (30 of 40 lookups since start)". */
export function hitRateText(hits: number, misses: number): string {
  const total = hits + misses;
  if (!total) return 'no lookups since start';
  return `${Math.round((hits / total) * 100)} % hits (${number(hits)} of ${number(total)} lookups since start)`;
}

/**
 * The /newsdesk status reply: version and prompt version, uptime, articles, feeds, cache, LLM usage
 * today, and this server's next digests. `guildId` null (the console): the per-server parts say so.
 */
export function statusText(input: {
  status: RuntimeStatus;
  guildId: string | null;
  serverFeeds: readonly FeedRecord[];
  operatorFeeds: readonly FeedRecord[];
  digests: readonly DigestOverview[] | null;
}): string {
  const { status: s, guildId } = input;
  const lines = [
    `**newsdesk ${s.version}** · prompt \`${s.promptVersion}\` · up ${uptimeText(s.now - s.startedAt)}`,
  ];
  const newest = s.articles.newest;
  lines.push(
    `**Articles:** ${number(s.articles.count)} stored${newest ? ` · newest “${safeText(newest.title, 90, 'strip')}”, ${discordTime(newest.at)}` : ''}`,
  );
  lines.push(
    guildId
      ? `**Feeds (this server):** ${input.serverFeeds.length ? feedHealthText(input.serverFeeds) : 'none'}`
      : '**Feeds (this server):** feeds per server are set up in Discord, not on the console',
  );
  lines.push(
    `**Feeds (operator):** ${input.operatorFeeds.length ? feedHealthText(input.operatorFeeds) : 'none'}`,
  );
  lines.push(
    `**Cache** \`${s.cache.label.replace(/`/g, '').slice(0, 80)}\`: ${hitRateText(s.cache.hits, s.cache.misses)}`,
  );
  const t = s.llmToday;
  const today = `${number(t.calls)} call${t.calls === 1 ? '' : 's'} today (UTC)${t.failures ? `, ${number(t.failures)} failed` : ''} · ${number(t.inputTokens)} tokens in, ${number(t.outputTokens)} out`;
  lines.push(
    s.llm
      ? `**LLM** ${safeText(s.llm.endpoint, 80, 'strip')} · ${safeText(s.llm.model, 60, 'strip')}: ${today}`
      : `**LLM:** none configured, briefings are extractive${t.calls ? ` (${today})` : ''}`,
  );
  lines.push(`**Next digests:** ${digestsText(input.digests, guildId)}`);
  return lines.join('\n');
}

function digestsText(digests: readonly DigestOverview[] | null, guildId: string | null): string {
  if (!guildId) return 'digests are per server, set up in Discord; none on the console';
  if (!digests) return 'digests are not available';
  if (!digests.length) return 'none on this server (`/digest set` schedules one)';
  const upcoming = [...digests].sort(
    (a, b) => (a.nextRun?.at ?? Number.POSITIVE_INFINITY) - (b.nextRun?.at ?? Number.POSITIVE_INFINITY),
  );
  // At most this many, so the reply stays far within Discord's 2000 characters (25 digests would not).
  const shown = upcoming.slice(0, 6);
  const more = upcoming.length - shown.length;
  return shown
    .map(({ digest, nextRun }) => {
      const name = `\`${safeText(digest.name, 40, 'strip')}\``;
      if (digest.paused) return `${name} paused`;
      return nextRun
        ? `${name} ${discordTime(nextRun.at)} in <#${digest.channelId}>`
        : `${name} not scheduled`;
    })
    .join(' · ')
    .concat(more ? ` · …and ${more} more (\`/digest list\`)` : '');
}
