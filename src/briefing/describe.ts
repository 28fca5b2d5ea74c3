import { CATALOGUES, dateLocale, t } from '../i18n/index.js';
import type { Briefing, BriefingResult, BriefingSource } from './types.js';

const DAYS = new Map<string, Intl.DateTimeFormat>();

/** "26 Jul 2021" (English), "26. Juli 2021" (German)…, in UTC. */
export function formatDay(ms: number, locale?: string): string {
  const tag = dateLocale(locale);
  let format = DAYS.get(tag);
  if (!format)
    DAYS.set(
      tag,
      (format = new Intl.DateTimeFormat(tag, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })),
    );
  return format.format(new Date(ms));
}

/** "31 Dec 2004 – 3 Jan 2005", or one day when both ends fall on it. */
export function formatSpan(span: { from: number; to: number }, locale?: string): string {
  const from = formatDay(span.from, locale);
  const to = formatDay(span.to, locale);
  return from === to ? from : `${from} – ${to}`;
}

/** Lists up to three names and counts the rest. */
function names(list: readonly string[], locale: string | undefined): string {
  return list.length <= 3
    ? list.join(', ')
    : t(locale, 'footer.moreNames', { names: list.slice(0, 3).join(', '), count: list.length - 3 });
}

/** "2 h 13 min", "5 min": how long until `at`, from `from`. */
export function waitText(at: number, from: number, locale?: string): string {
  const mins = Math.max(1, Math.round((at - from) / 60_000));
  return mins >= 60
    ? t(locale, 'time.hm', { h: Math.floor(mins / 60), m: mins % 60 })
    : t(locale, 'time.m', { m: mins });
}

/** Why a briefing is extractive, in the reader's language (a budget: which one, and when it resets). */
export function fallbackText(briefing: Briefing, locale?: string): string {
  const fallback = briefing.fallback;
  if (!fallback) return briefing.fallbackReason ?? t(locale, 'fallback.none');
  if (fallback.code === 'budget_server' || fallback.code === 'budget_bot')
    return t(locale, fallback.code === 'budget_server' ? 'budget.server' : 'budget.bot', {
      wait: waitText(fallback.resetsAt ?? briefing.generatedAt, briefing.generatedAt, locale),
    });
  return t(locale, `fallback.${fallback.code}`);
}

/** The footer line: articles cited of those considered, sources, time span, writer, whether cached. */
export function footerText({ briefing, cached }: BriefingResult, locale?: string): string {
  const writer =
    briefing.kind === 'llm'
      ? cached
        ? t(locale, 'footer.cached', { model: briefing.model ?? '' })
        : (briefing.model ?? '')
      : t(locale, 'footer.extractive', { reason: fallbackText(briefing, locale) });
  return [
    // Cited of considered: "3 of 10 articles cited" (sources are only the cited ones).
    t(locale, 'footer.cited', { cited: briefing.sources.length, count: briefing.articleCount }),
    names(briefing.sourceNames, locale),
    formatSpan(briefing.span, locale),
    writer,
  ].join(' · ');
}

/** A note to show above the bullets, when the window had to be widened or the LLM was not used. */
export function noticeText({ briefing }: BriefingResult, locale?: string): string | null {
  const notes: string[] = [];
  if (briefing.window.widened) notes.push(t(locale, 'notice.widened', { count: briefing.window.hours }));
  if (briefing.kind === 'extractive') notes.push(t(locale, 'notice.extractive'));
  return notes.length ? notes.join(' ') : null;
}

/** "Wikinews, 1 Jan 2005" for a source line. */
export function sourceDetail(source: BriefingSource, locale?: string): string {
  return source.publishedAt === null
    ? source.source
    : `${source.source}, ${formatDay(source.publishedAt, locale)}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The start of a briefing footer in any catalogue ("3 of 10 articles cited · ", "3 von 10 …"). */
const FOOTER_START = new RegExp(
  `^(?:${Object.values(CATALOGUES)
    .flatMap((c) => Object.values(c['footer.cited']) as string[])
    .map((form) => escape(form).replace(/\\\{(?:cited|count)\\\}/g, '\\d+'))
    .join('|')}) · `,
);

/** Whether a footer is a briefing's, in any language (the pin rotation recognises its own pins by it). */
export function isBriefingFooter(text: string): boolean {
  return FOOTER_START.test(text);
}
