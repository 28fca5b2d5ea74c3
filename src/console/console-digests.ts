import { safeText } from '../briefing/sanitize.js';
import type { DigestScheduler } from '../digest/digest-scheduler.js';
import type { DigestService } from '../digest/digest-service.js';
import { UserFacingError } from '../errors.js';
import { tm } from '../i18n/index.js';
import { countText } from '../interactions/plural.js';
import type { DigestTransport } from '../digest/poster.js';
import type { BriefingPins } from '../interactions/briefing-pins.js';
import type { ChannelOps, PostPayload } from '../interactions/channel-ops.js';
import { PRETEND_SERVER } from './pretend-server.js';

/** The digest's first line, as the Discord poster writes it: name, local date, and why it is late. */
function header(name: string, localDate: string, late: boolean): string {
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(Date.parse(`${localDate}T12:00:00Z`));
  return `🗞️ **${safeText(name, 100)}** · ${date}${late ? ' · late' : ''}`;
}

/**
 * How the console posts digests of the pretend server (and only those): printed in their channel
 * through the console's channel operations, pinned with the moderators' rotation when set to pin.
 */
export function consoleDigestTransport(ops: ChannelOps, pins: BriefingPins): Required<DigestTransport> {
  return {
    async post(digest, content, meta) {
      const head = header(digest.name, meta.localDate, meta.late);
      const payload: PostPayload =
        content.kind === 'briefing'
          ? { content: head, briefing: content.result }
          : {
              content: `${head}\nQuiet day: nothing new${digest.topic ? ` about “${safeText(digest.topic, 100)}”` : ''} since <t:${Math.floor(content.since / 1000)}:f>.`,
            };
      return ops.post(digest.channelId, payload, meta.nonce);
    },
    async afterPost(digest, messageId) {
      if (!digest.pin) return;
      const outcome = await pins.pin(digest.channelId, messageId);
      if (!outcome.pinned) throw new Error(outcome.note ? tm('en', outcome.note) : 'not pinned');
    },
    ownsGuild: (guildId) => guildId === PRETEND_SERVER.guildId,
  };
}

/**
 * The console's `/digest run NAME`: runs a pretend-server digest now through the scheduler, as if due,
 * and says what happened (the post itself is printed by the channel). `ref` may be omitted when the
 * server has one digest.
 */
export async function runDigestNow(
  service: DigestService,
  scheduler: Pick<DigestScheduler, 'runNow'>,
  ref: string | null,
): Promise<string> {
  const guildId = PRETEND_SERVER.guildId;
  let digest = ref ? service.find(guildId, ref) : null;
  if (!digest) {
    const all = service.list(guildId).map((o) => o.digest);
    if (!ref && all.length === 1) digest = all[0]!;
    else if (!all.length)
      throw new UserFacingError('There are no digests yet. Create one with `/digest set`.');
    else
      throw new UserFacingError(
        `${ref ? `No digest named “${safeText(ref, 40)}”. ` : 'Which digest? '}There are ${all.map((d) => `\`${d.name}\``).join(', ')}: \`/digest run name:${all[0]!.name}\`.`,
      );
  }
  const name = `**${safeText(digest.name, 40)}**`;
  if (digest.paused)
    throw new UserFacingError(`Digest ${name} is paused: \`/digest resume ${digest.id}\` first.`);
  const run = await scheduler.runNow(digest);
  if (!run) throw new UserFacingError(`Digest ${name} is running already.`);
  const date = `the run of ${run.localDate}`;
  switch (run.status) {
    case 'posted':
      return `Ran digest ${name} now (${date}): posted in <#${digest.channelId}>, ${countText(run.articleCount ?? 0, 'article')}${digest.pin ? ', pinned' : ''}.`;
    case 'nothing_new':
      return run.messageId
        ? `Ran digest ${name} now (${date}): nothing new, so a quiet-day note was posted in <#${digest.channelId}>.`
        : `Ran digest ${name} now (${date}): nothing new since the last digest, so nothing was posted (\`quiet:true\` posts a note instead).`;
    default:
      return `Ran digest ${name} now (${date}): ${run.status}${run.reason ? `: ${safeText(run.reason, 200)}` : ''}.`;
  }
}
