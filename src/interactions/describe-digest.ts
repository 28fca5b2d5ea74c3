import type { DigestOverview } from '../digest/digest-service.js';
import type { Occurrence } from '../digest/schedule.js';
import type { Digest, RunRecord } from '../digest/types.js';
import { messageUrl } from './channel-ops.js';
import { safeText } from '../briefing/sanitize.js';
import { dateTimeMarkup, relativeMarkup } from './timestamps.js';

/** Longest reason (Discord's error, why a run was skipped) shown in /digest list. */
const REASON_MAX = 160;

/** A Discord timestamp shown in each reader's own time zone: full date and time plus "in 3 hours". */
export function discordTime(ms: number): string {
  return dateTimeMarkup(ms);
}

/**
 * What sets a digest apart from a /news reply, shown the same in /digest preview and in the post:
 * `author` (plain text, Discord renders no markup there) names it and its schedule; `line` (the first
 * line of the description) says where it goes and what is new since when, in Discord markup.
 */
export interface DigestHeading {
  /** "🗞️ Morning · every day at 08:00 (Europe/Berlin)". */
  author: string;
  /** "New since <t:…:R> in <#channel> · about “climate”". */
  line: string;
}

/** The heading of a digest covering what is new since `since` (epoch ms). */
export function digestHeading(
  digest: Pick<Digest, 'name' | 'channelId' | 'time' | 'timezone' | 'topic'>,
  since: number,
): DigestHeading {
  const about = digest.topic ? ` · about “${safeText(digest.topic, 60, 'strip')}”` : '';
  return {
    author: `🗞️ ${safeText(digest.name, 40, 'strip')} · ${whenText(digest)}`,
    line: `**New since ${relativeMarkup(since)}** in <#${digest.channelId}>${about}`,
  };
}

/** "every day at 08:00 (Europe/Berlin)". */
export function whenText(digest: Pick<Digest, 'time' | 'timezone'>): string {
  return `every day at ${digest.time} (${digest.timezone})`;
}

/** Why a digest is paused, in words. */
export function pausedText(digest: Digest): string | null {
  const p = digest.paused;
  if (!p) return null;
  if (p.reason === 'by_admin') return `paused by ${safeText(p.detail ?? 'an admin', 40, 'strip')}`;
  const what =
    p.reason === 'channel_gone' ? 'disabled: the channel is gone' : 'disabled: I lost access to the channel';
  return `${what}${p.detail ? ` (${safeText(p.detail, 120, 'strip')})` : ''}. Fix it, then \`/digest resume ${digest.id}\``;
}

/** The latest run and its result: posted (with a link), nothing new, failed and why, skipped and why. */
export function lastRunText(run: RunRecord | null): string {
  if (!run) return 'no run yet';
  const when = `${run.localDate}${run.late ? ' (late)' : ''}`;
  const why = run.reason ? `: ${safeText(run.reason, REASON_MAX, 'strip')}` : '';
  switch (run.status) {
    case 'posted':
      return `${when}: posted${run.messageId && run.channelId ? ` ${messageUrl(run.guildId, run.channelId, run.messageId)}` : ''}${run.reason ? ` (${safeText(run.reason, REASON_MAX, 'strip')})` : ''}`;
    case 'nothing_new':
      return `${when}: nothing new${run.messageId ? ' (quiet-day note posted)' : ''}`;
    case 'failed':
      return `${when}: failed${why}`;
    case 'skipped':
      return `${when}: skipped${why}`;
    case 'uncertain':
      return `${when}: uncertain${why}`;
    default:
      return `${when}: running now`;
  }
}

/** One digest as a few lines of /digest list. */
export function overviewText({ digest, nextRun, lastRun }: DigestOverview): string {
  const facts = [
    `<#${digest.channelId}>`,
    whenText(digest),
    digest.topic ? `topic “${safeText(digest.topic, 60, 'strip')}”` : 'all news',
    digest.length,
  ];
  if (digest.pin) facts.push('pinned');
  if (digest.quietNote) facts.push('quiet-day note');
  const lines = [`**${safeText(digest.name, 40, 'strip')}** (\`${digest.id}\`): ${facts.join(' · ')}`];
  const paused = pausedText(digest);
  lines.push(paused ? `⏸️ ${paused}` : `Next: ${nextRun ? discordTime(nextRun.at) : 'not scheduled'}`);
  lines.push(`Last: ${lastRunText(lastRun)}`);
  return lines.join('\n');
}

/** "Next: <t:…:f> (<t:…:R>)" or why there is none. */
export function nextText(nextRun: Occurrence | null): string {
  return nextRun ? `Next: ${discordTime(nextRun.at)}.` : 'Not scheduled while paused.';
}
