import type { BriefingResult, BriefingSource } from './types.js';

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "26 Jul 2021", in UTC. */
export function formatDay(ms: number): string {
  return DAY.format(new Date(ms));
}

/** "31 Dec 2004 – 3 Jan 2005", or one day when both ends fall on it. */
export function formatSpan(span: { from: number; to: number }): string {
  const from = formatDay(span.from);
  const to = formatDay(span.to);
  return from === to ? from : `${from} – ${to}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lists up to three names and counts the rest. */
function names(list: readonly string[]): string {
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} +${list.length - 3} more`;
}

/** The footer line: articles cited of those considered, sources, time span, writer, whether cached. */
export function footerText({ briefing, cached }: BriefingResult): string {
  const writer =
    briefing.kind === 'llm'
      ? `${briefing.model}${cached ? ' · cached' : ''}`
      : `extractive summary: ${briefing.fallbackReason ?? 'no language model'}`;
  return [
    // Cited of considered: "3 of 10 articles cited" (sources are only the cited ones).
    `${briefing.sources.length} of ${plural(briefing.articleCount, 'article')} cited`,
    names(briefing.sourceNames),
    formatSpan(briefing.span),
    writer,
  ].join(' · ');
}

/** A note to show above the bullets, when the window had to be widened or the LLM was not used. */
export function noticeText({ briefing }: BriefingResult): string | null {
  const notes: string[] = [];
  if (briefing.window.widened)
    notes.push(
      `Nothing was published in the last ${plural(briefing.window.hours, 'hour')}; these are the most recent articles.`,
    );
  if (briefing.kind === 'extractive') notes.push('Sentences quoted from the articles (no AI summary).');
  return notes.length ? notes.join(' ') : null;
}

/** "Wikinews, 1 Jan 2005" for a source line. */
export function sourceDetail(source: BriefingSource): string {
  return source.publishedAt === null ? source.source : `${source.source}, ${formatDay(source.publishedAt)}`;
}
