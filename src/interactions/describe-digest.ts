import type { DigestOverview } from '../digest/digest-service.js';
import type { Occurrence } from '../digest/schedule.js';
import type { Digest, RunRecord } from '../digest/types.js';
import { messageUrl } from './channel-ops.js';
import { safeText } from '../briefing/sanitize.js';
import { LANGUAGE_NAMES, dateLocale, msg, t, tm, type Msg } from '../i18n/index.js';
import { RUN_ELSEWHERE } from '../digest/run-claims.js';
import type { PostMeta } from '../digest/poster.js';
import { localTimeOf } from '../digest/schedule.js';
import { digestLocale } from '../digest/types.js';
import { LIMITS } from './limits.js';
import { dateTimeMarkup, timestamp, type TimestampStyle } from './timestamps.js';

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

/**
 * The heading of a digest covering what is new since `since` (epoch ms), in `locale`'s language. The
 * catalogue picks the timestamp style that reads well after its "new since" ("3 hours ago" in English,
 * a date in German).
 */
export function digestHeading(
  digest: Pick<Digest, 'name' | 'channelId' | 'time' | 'timezone' | 'topic'>,
  since: number,
  locale?: string,
): DigestHeading {
  const style = t(locale, 'digest.headingSinceStyle');
  const line = t(locale, 'digest.headingLine', {
    since: timestamp(since, /^[tTdDfFR]$/.test(style) ? (style as TimestampStyle) : 'R'),
    channel: digest.channelId,
  });
  const about = digest.topic
    ? ` · ${t(locale, 'digest.headingAbout', { topic: safeText(digest.topic, 60, 'strip') })}`
    : '';
  return {
    author: `🗞️ ${safeText(digest.name, 40, 'strip')} · ${whenText(digest, locale)}`,
    line: `${line}${about}`,
  };
}

/**
 * A posted digest's first line, in the digest's language (its override, else the server's): name,
 * the local date ("Monday 2 March", "Montag, 2. März") and why it is late. Discord and the console
 * print the same.
 */
export function digestHeader(
  digest: Digest,
  meta: Pick<PostMeta, 'localDate' | 'late' | 'scheduledAt'>,
): string {
  const locale = digestLocale(digest);
  const date = new Intl.DateTimeFormat(dateLocale(locale), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(Date.parse(`${meta.localDate}T12:00:00Z`));
  const late = meta.late
    ? ` · ${t(locale, 'digestPost.late', { time: localTimeOf(meta.scheduledAt, digest.timezone) })}`
    : '';
  return `🗞️ **${safeText(digest.name, LIMITS.content)}** · ${date}${late}`;
}

/** The quiet-day note (nothing new since `since`), in the digest's language. */
export function quietDayText(digest: Digest, since: number): string {
  const locale = digestLocale(digest);
  const when = dateTimeMarkup(since);
  return digest.topic
    ? t(locale, 'digestPost.quietAbout', { topic: safeText(digest.topic, LIMITS.content), since: when })
    : t(locale, 'digestPost.quiet', { since: when });
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
 * The ledger's reasons (recorded in English, as the runner and scheduler write them) as catalogue
 * messages; Discord's own words after them stay as they are. Null: shown as recorded.
 */
const REASONS: readonly [RegExp, (m: RegExpExecArray) => Msg][] = [
  [
    /^bot was down at (\S+), beyond the (.+) grace$/,
    (m) => msg('reason.botDown', { time: m[1]!, grace: m[2]! }),
  ],
  [
    /^the bot stopped while writing this digest and was not back within the (.+) grace$/,
    (m) => msg('reason.stoppedWriting', { grace: m[1]! }),
  ],
  [/^the bot stopped while sending at (\S+);/, (m) => msg('reason.stoppedSending', { time: m[1]! })],
  [/^posted, but pinning failed: (.*)$/s, (m) => msg('reason.pinFailed', { error: m[1]! })],
  [/^the briefing could not be written: (.*)$/s, (m) => msg('reason.writeFailed', { error: m[1]! })],
  [/^internal error: (.*)$/s, (m) => msg('reason.internal', { error: m[1]! })],
  [/^channel gone: (.*)$/s, (m) => msg('reason.channelGone', { error: m[1]! })],
  [/^missing access: (.*)$/s, (m) => msg('reason.missingAccess', { error: m[1]! })],
  [/^Discord error \(will retry once\): (.*)$/s, (m) => msg('reason.discordRetry', { error: m[1]! })],
  [/^Discord refused: (.*)$/s, (m) => msg('reason.discordRefused', { error: m[1]! })],
];

/** A run's recorded reason in the reader's language where it is one of ours, else as recorded. */
export function reasonText(reason: string, locale?: string): string {
  const text = safeText(reason, REASON_MAX, 'strip');
  // "run by another process (host-2:1234)": the holder stays as recorded.
  if (text.startsWith(RUN_ELSEWHERE))
    return `${t(locale, 'reason.elsewhere')}${text.slice(RUN_ELSEWHERE.length)}`;
  for (const [pattern, message] of REASONS) {
    const m = pattern.exec(text);
    if (m) return tm(locale, message(m));
  }
  return text;
}

/**
 * The latest run and its result: posted (with a link), nothing new, failed and why, skipped and why.
 * Our own reasons are translated; Discord's words in them stay as Discord wrote them.
 */
export function lastRunText(run: RunRecord | null, locale?: string): string {
  if (!run) return t(locale, 'run.none');
  const when = run.late ? t(locale, 'run.late', { date: run.localDate }) : run.localDate;
  const why = run.reason ? `: ${reasonText(run.reason, locale)}` : '';
  switch (run.status) {
    case 'posted':
      return `${t(locale, 'run.posted', { when })}${run.messageId && run.channelId ? ` ${messageUrl(run.guildId, run.channelId, run.messageId)}` : ''}${run.reason ? ` (${reasonText(run.reason, locale)})` : ''}`;
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
