import type { DigestOverview } from '../digest/digest-service.js';
import type { Occurrence } from '../digest/schedule.js';
import type { Digest, RunRecord } from '../digest/types.js';
import { messageUrl } from './channel-ops.js';
import { safeText } from '../briefing/sanitize.js';
import { LANGUAGE_NAMES, t } from '../i18n/index.js';
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
  locale?: string,
): DigestHeading {
  const about = digest.topic ? ` · about “${safeText(digest.topic, 60, 'strip')}”` : '';
  return {
    author: `🗞️ ${safeText(digest.name, 40, 'strip')} · ${whenText(digest, locale)}`,
    line: `**New since ${relativeMarkup(since)}** in <#${digest.channelId}>${about}`,
  };
}

/** "every day at 08:00 (Europe/Berlin)". */
export function whenText(digest: Pick<Digest, 'time' | 'timezone'>, locale?: string): string {
  return t(locale, 'digest.when', { time: digest.time, zone: digest.timezone });
}

/** Why a digest is paused, in words. */
export function pausedText(digest: Digest, locale?: string): string | null {
  const p = digest.paused;
  if (!p) return null;
  if (p.reason === 'by_admin')
    return t(locale, 'digest.pausedBy', {
      name: p.detail ? safeText(p.detail, 40, 'strip') : t(locale, 'digest.anAdmin'),
    });
  const what = t(locale, p.reason === 'channel_gone' ? 'digest.channelGone' : 'digest.lostAccess');
  return p.detail
    ? t(locale, 'digest.disabledDetail', { what, detail: safeText(p.detail, 120, 'strip'), id: digest.id })
    : t(locale, 'digest.disabled', { what, id: digest.id });
}

/**
 * The latest run and its result: posted (with a link), nothing new, failed and why, skipped and why.
 * The reason is Discord's or the runner's own words (English).
 */
export function lastRunText(run: RunRecord | null, locale?: string): string {
  if (!run) return t(locale, 'run.none');
  const when = run.late ? t(locale, 'run.late', { date: run.localDate }) : run.localDate;
  const why = run.reason ? `: ${safeText(run.reason, REASON_MAX, 'strip')}` : '';
  switch (run.status) {
    case 'posted':
      return `${t(locale, 'run.posted', { when })}${run.messageId && run.channelId ? ` ${messageUrl(run.guildId, run.channelId, run.messageId)}` : ''}${run.reason ? ` (${safeText(run.reason, REASON_MAX, 'strip')})` : ''}`;
    case 'nothing_new':
      return t(locale, run.messageId ? 'run.quietNotePosted' : 'run.nothingNew', { when });
    case 'failed':
      return `${t(locale, 'run.failed', { when })}${why}`;
    case 'skipped':
      return `${t(locale, 'run.skipped', { when })}${why}`;
    case 'uncertain':
      return `${t(locale, 'run.uncertain', { when })}${why}`;
    default:
      return t(locale, 'run.running', { when });
  }
}

/** One digest as a few lines of /digest list. */
export function overviewText({ digest, nextRun, lastRun }: DigestOverview, locale?: string): string {
  const facts = [
    `<#${digest.channelId}>`,
    whenText(digest, locale),
    digest.topic
      ? t(locale, 'digest.topic', { topic: safeText(digest.topic, 60, 'strip') })
      : t(locale, 'digest.aboutAll'),
    t(locale, `choice.length.${digest.length}`),
  ];
  if (digest.language)
    facts.push(t(locale, 'digest.inLanguage', { language: languageName(digest.language) }));
  if (digest.pin) facts.push(t(locale, 'digest.pinned'));
  if (digest.quietNote) facts.push(t(locale, 'digest.quietNote'));
  const lines = [`**${safeText(digest.name, 40, 'strip')}** (\`${digest.id}\`): ${facts.join(' · ')}`];
  const paused = pausedText(digest, locale);
  lines.push(
    paused
      ? `⏸️ ${paused}`
      : t(locale, 'digest.next', {
          when: nextRun ? discordTime(nextRun.at) : t(locale, 'digest.notScheduled'),
        }),
  );
  lines.push(t(locale, 'digest.last', { run: lastRunText(lastRun, locale) }));
  return lines.join('\n');
}

/** "Next: <t:…:f> (<t:…:R>)" or why there is none. */
export function nextText(nextRun: Occurrence | null, locale?: string): string {
  return nextRun
    ? t(locale, 'digest.nextSentence', { when: discordTime(nextRun.at) })
    : t(locale, 'digest.notScheduledPaused');
}

/** A language override's own name ("Deutsch"), or the code when it has no catalogue. */
export function languageName(language: string): string {
  return (LANGUAGE_NAMES as Readonly<Record<string, string | undefined>>)[language] ?? language;
}
