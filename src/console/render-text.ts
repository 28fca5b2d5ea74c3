import { footerText, noticeText, sourceDetail } from '../briefing/describe.js';
import { stripInvisible } from '../briefing/sanitize.js';
import type { Reply } from '../interactions/command.js';
import { t } from '../i18n/index.js';

/** A reply as plain terminal text: headline, bullets with [n] citations, numbered sources, footer. */
export function renderReplyText(reply: Reply): string {
  if (reply.kind === 'text') return reply.text;
  const { briefing } = reply.result;
  const { locale } = reply;
  const notice = noticeText(reply.result, locale);
  const lines = [briefing.headline, '='.repeat(Math.min(briefing.headline.length, 72))];
  if (notice) lines.push(`(${notice})`);
  lines.push('');
  for (const b of briefing.bullets) lines.push(`• ${b.text} ${b.cites.map((n) => `[${n}]`).join('')}`);
  lines.push('', t(locale, 'briefing.sources'));
  for (const s of briefing.sources) {
    lines.push(stripInvisible(`[${s.n}] ${s.title} — ${sourceDetail(s, locale)}`));
    if (s.url) lines.push(`    ${stripInvisible(s.url)}`);
  }
  lines.push('', `-- ${footerText(reply.result, locale)}`);
  if (reply.ephemeral) lines.push(`   ${t(locale, 'console.private')}`);
  return lines.join('\n');
}
