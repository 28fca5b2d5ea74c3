import type { Article } from '../articles/article.js';
import { t } from '../i18n/index.js';

const HOUR = 3_600_000;

/** "Top stories" in languages without a catalogue yet; the others read it from their catalogue. */
const EXTRA_TOP_STORIES: Readonly<Record<string, string>> = {
  it: 'Notizie principali',
  nl: 'Belangrijkste nieuws',
};

function formatter(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
    ...(withYear ? { year: 'numeric' } : {}),
  };
  try {
    return new Intl.DateTimeFormat(locale ?? 'en-GB', options);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options);
  }
}

/** A day or a range of days in the locale ("2 Dec", "29 Nov – 2 Dec", "Dec 2" in en-US). */
function days(from: number, to: number, now: number, locale: string | undefined): string {
  const year = (ms: number) => new Date(ms).getUTCFullYear();
  const format = formatter(locale, year(from) !== year(now) || year(to) !== year(now));
  const a = format.format(from);
  const b = format.format(to);
  // Plain spaces: Intl puts thin and no-break spaces around the dash and in some dates.
  return (a === b ? a : format.formatRange(from, to)).replace(/[\u00a0\u2009\u202f]/g, ' ');
}

/**
 * The headline of a briefing without a topic: it names its window, "Top stories, 2 Dec" (24 hours or
 * less), "Top stories, 29 Nov – 2 Dec" (more), in the asker's locale (UTC days). When the window was
 * widened (nothing that recent), it names the days the articles were published instead, with their year.
 */
export function windowHeadline(
  articles: readonly Pick<Article, 'publishedAt'>[],
  window: { hours: number; widened: boolean },
  now: number,
  locale?: string,
): string {
  const label =
    EXTRA_TOP_STORIES[(locale ?? 'en').split('-')[0]!.toLowerCase()] ?? t(locale, 'briefing.topStories');
  const dated = articles.map((a) => a.publishedAt).filter((t): t is number => t !== null);
  if (window.widened) {
    if (!dated.length) return label;
    return `${label}, ${days(Math.min(...dated), Math.max(...dated), now, locale)}`;
  }
  const from = window.hours > 24 ? now - window.hours * HOUR : now;
  return `${label}, ${days(from, now, now, locale)}`;
}
