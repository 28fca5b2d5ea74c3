import { safeText } from '../briefing/sanitize.js';
import type { DigestScheduler } from '../digest/digest-scheduler.js';
import type { DigestService } from '../digest/digest-service.js';
import { UserFacingError } from '../errors.js';
import { msg, t, tm } from '../i18n/index.js';
import { countText } from '../interactions/plural.js';
import type { DigestTransport } from '../digest/poster.js';
import { digestLocale } from '../digest/types.js';
import type { BriefingPins } from '../interactions/briefing-pins.js';
import type { ChannelOps, PostPayload } from '../interactions/channel-ops.js';
import { digestHeader, lastRunText, quietDayText } from '../interactions/describe-digest.js';
import { PRETEND_SERVER } from './pretend-server.js';

/**
 * How the console posts digests of the pretend server (and only those): printed in their channel
 * through the console's channel operations, pinned with the moderators' rotation when set to pin.
 */
export function consoleDigestTransport(ops: ChannelOps, pins: BriefingPins): Required<DigestTransport> {
  return {
    async post(digest, content, meta) {
      // As the Discord poster writes it, in the digest's language (its override, else the server's).
      const head = digestHeader(digest, meta);
      const payload: PostPayload =
        content.kind === 'briefing'
          ? { content: head, briefing: content.result, locale: digestLocale(digest) }
          : { content: `${head}\n${quietDayText(digest, content.since)}` };
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
  locale?: string,
): Promise<string> {
  const guildId = PRETEND_SERVER.guildId;
  let digest = ref ? service.find(guildId, ref) : null;
  if (!digest) {
    const all = service.list(guildId).map((o) => o.digest);
    if (!ref && all.length === 1) digest = all[0]!;
    else if (!all.length) throw new UserFacingError(msg('digest.noneYet'));
    else {
      const names = all.map((d) => `\`${d.name}\``);
      const first = all[0]!.name;
      throw new UserFacingError(
        ref
          ? msg('consoleRun.noSuchName', { ref: safeText(ref, 40), names, first })
          : msg('consoleRun.which', { names, first }),
      );
    }
  }
  const name = `**${safeText(digest.name, 40)}**`;
  if (digest.paused) throw new UserFacingError(msg('consoleRun.paused', { name, id: digest.id }));
  const run = await scheduler.runNow(digest);
  if (!run) throw new UserFacingError(msg('consoleRun.running', { name }));
  const facts = { name, date: run.localDate, channel: digest.channelId };
  switch (run.status) {
    case 'posted':
      return t(locale, digest.pin ? 'consoleRun.postedPinned' : 'consoleRun.posted', {
        ...facts,
        articles: countText(run.articleCount ?? 0, 'article', locale),
      });
    case 'nothing_new':
      return t(locale, run.messageId ? 'consoleRun.quietNote' : 'consoleRun.nothing', facts);
    default:
      return t(locale, 'consoleRun.other', { name, result: lastRunText(run, locale) });
  }
}
