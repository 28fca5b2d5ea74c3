import { SlashCommandBuilder, type SlashCommandStringOption } from '@discordjs/builders';
import { ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { LENGTHS, type BriefingLength } from '../src/briefing/types.js';
import type { Command, CommandContext, Invocation, Reply } from '../src/interactions/command.js';
import { UserFacingError } from '../src/errors.js';
import { requireManageServer } from '../src/interactions/moderation.js';
import {
  PIN_PERMISSIONS,
  POST_PERMISSIONS,
  checkChannel,
  interactionBotPermissions,
} from '../src/interactions/permissions.js';
import {
  digestHeading,
  discordTime,
  nextText,
  overviewText,
  whenText,
} from '../src/interactions/describe-digest.js';
import { safeText } from '../src/briefing/sanitize.js';
import type { DigestService } from '../src/digest/digest-service.js';
import { fitLines } from '../src/interactions/fit-lines.js';
import { LIMITS } from '../src/interactions/limits.js';
import { timeZoneConfirmation } from '../src/digest/time-zones.js';

const nameOption = (required: boolean) => (o: SlashCommandStringOption) =>
  o
    .setName('name')
    .setDescription('The digest’s name')
    .setRequired(required)
    .setMaxLength(40)
    .setAutocomplete(true);

const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription('Daily news digests posted in a channel at a set local time')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('set')
      .setDescription('Create a daily digest, or change one by giving its name')
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to post')
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o
          .setName('time')
          .setDescription('Local time, 24-hour clock, e.g. 08:00')
          .setRequired(true)
          .setMaxLength(10),
      )
      .addStringOption((o) =>
        o
          .setName('timezone')
          .setDescription('Time zone: a city (Berlin, New York), an IANA name (Europe/Berlin), CET or UTC+2')
          .setRequired(true)
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addStringOption((o) =>
        o
          .setName('topic')
          .setDescription('Only news about this (a word or phrase); "all" for everything')
          .setMaxLength(100)
          .setAutocomplete(true),
      )
      .addStringOption((o) =>
        o
          .setName('length')
          .setDescription('How long each digest is (default standard)')
          .addChoices(...LENGTHS.map((l) => ({ name: l, value: l }))),
      )
      .addBooleanOption((o) =>
        o.setName('pin').setDescription('Pin each digest (older digest pins are unpinned)'),
      )
      .addBooleanOption((o) =>
        o
          .setName('quiet')
          .setDescription('Post a short note on days with nothing new (default: post nothing)'),
      )
      .addStringOption((o) =>
        o
          .setName('name')
          .setDescription('A short name to refer to it, e.g. morning (default daily)')
          .setMaxLength(40),
      ),
  )
  .addSubcommand((s) =>
    s.setName('list').setDescription('This server’s digests: when, where, next and last run'),
  )
  .addSubcommand((s) =>
    s
      .setName('preview')
      .setDescription('See what a digest would post now (only you see it; nothing is posted)')
      .addStringOption(nameOption(false)),
  )
  .addSubcommand((s) =>
    s.setName('remove').setDescription('Delete a digest').addStringOption(nameOption(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('pause')
      .setDescription('Stop posting a digest until resumed')
      .addStringOption(nameOption(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('resume')
      .setDescription('Start posting a paused or disabled digest again')
      .addStringOption(nameOption(true)),
  );

/** The digest service (absent in processes that cannot post, e.g. one-shot CLI commands). */
function digestsOf(ctx: CommandContext): DigestService {
  const service = ctx.digests;
  if (!service) throw new UserFacingError('Digests are not available in this process.');
  return service;
}

function guildOf(invocation: Pick<Invocation, 'guildId'>): string {
  if (!invocation.guildId)
    throw new UserFacingError('Digests belong to a Discord server: use /digest in a server.');
  return invocation.guildId;
}

/**
 * Checks, from the gateway cache, that a digest can be posted (and pinned) in a channel of this server.
 * Skipped where there are no channel operations (the console).
 */
function checkDigestChannel(
  ctx: CommandContext,
  invocation: Invocation,
  channelId: string,
  pin: boolean,
): void {
  if (!ctx.channels) return;
  checkChannel(ctx.channels, {
    channelId,
    guildId: guildOf(invocation),
    bot: POST_PERMISSIONS | (pin ? PIN_PERMISSIONS : 0n),
    botPermissions: interactionBotPermissions(invocation, channelId),
    retry: true,
  });
}

const text = (body: string): Reply => ({ kind: 'text', text: body, ephemeral: true });

async function run(invocation: Invocation, ctx: CommandContext): Promise<Reply> {
  const { options } = invocation;
  const service = digestsOf(ctx);
  const guildId = guildOf(invocation);
  const name = options.getString('name');
  switch (options.subcommand) {
    case 'set': {
      const channelId = options.getId('channel')!;
      const pin = options.getBoolean('pin');
      checkDigestChannel(
        ctx,
        invocation,
        channelId,
        pin ?? service.find(guildId, name ?? 'daily')?.pin ?? false,
      );
      const { digest, created, nextRun } = service.set({
        guildId,
        channelId,
        time: options.getString('time')!,
        timezone: options.getString('timezone')!,
        topic: options.getString('topic'),
        length: options.getString('length') as BriefingLength | null,
        pin,
        quietNote: options.getBoolean('quiet'),
        name,
        userId: invocation.userId,
        locale: invocation.locale ?? null,
      });
      ctx.logger.info(
        {
          audit: created ? 'digest_created' : 'digest_updated',
          guildId,
          digestId: digest.id,
          userId: invocation.userId,
          userName: invocation.userName,
        },
        'digest set',
      );
      const about = digest.topic ? `news about “${safeText(digest.topic, 60, 'strip')}”` : 'all news';
      const paused = digest.paused ? ' It is paused: `/digest resume` starts it.' : '';
      const zone = timeZoneConfirmation(options.getString('timezone')!);
      return text(
        `${created ? 'Created' : 'Updated'} digest **${safeText(digest.name, 40, 'strip')}** (\`${digest.id}\`): ${about} in <#${digest.channelId}> ${whenText(digest)}, ${digest.length}${digest.pin ? ', pinned' : ''}. ${nextText(nextRun)}${paused}${zone ? `\nTime zone: ${safeText(zone, 120)}.` : ''}`,
      );
    }
    case 'list': {
      const all = service.list(guildId);
      if (!all.length)
        return text(
          `No digests yet. Create one with \`/digest set channel:#news time:08:00 timezone:Europe/Berlin\` (up to ${service.maxPerGuild}).`,
        );
      const head = `**Digests (${all.length}/${service.maxPerGuild})**\n\n`;
      return text(head + fitLines(all.map(overviewText), '', LIMITS.content - head.length, '\n\n'));
    }
    case 'preview': {
      const preview = await service.preview(guildId, name);
      if (preview.kind === 'nothing_new')
        return text(
          `Nothing new for **${safeText(preview.digest.name, 40, 'strip')}** (<#${preview.digest.channelId}>, ${whenText(preview.digest)}) since ${discordTime(preview.since)}: it would post ${preview.digest.quietNote ? 'a quiet-day note' : 'nothing'}.`,
        );
      return {
        kind: 'briefing',
        result: preview.result,
        ephemeral: true,
        digest: digestHeading(preview.digest, preview.since),
      };
    }
    case 'remove': {
      const digest = service.remove(guildId, name!);
      ctx.logger.info(
        {
          audit: 'digest_removed',
          guildId,
          digestId: digest.id,
          userId: invocation.userId,
          userName: invocation.userName,
        },
        'digest removed',
      );
      return text(`Removed digest **${safeText(digest.name, 40, 'strip')}**.`);
    }
    case 'pause': {
      const digest = service.pause(guildId, name!, invocation.userName);
      ctx.logger.info(
        { audit: 'digest_paused', guildId, digestId: digest.id, userId: invocation.userId },
        'digest paused',
      );
      return text(
        `Paused digest **${safeText(digest.name, 40, 'strip')}**. \`/digest resume ${digest.id}\` starts it again.`,
      );
    }
    case 'resume': {
      const found = service.find(guildId, name!);
      if (found) checkDigestChannel(ctx, invocation, found.channelId, found.pin);
      const { digest, nextRun } = service.resume(guildId, name!);
      ctx.logger.info(
        { audit: 'digest_resumed', guildId, digestId: digest.id, userId: invocation.userId },
        'digest resumed',
      );
      return text(`Resumed digest **${safeText(digest.name, 40, 'strip')}**. ${nextText(nextRun)}`);
    }
    default:
      throw new UserFacingError(
        'Try `/digest set`, `/digest list`, `/digest preview`, `/digest remove`, `/digest pause` or `/digest resume`.',
      );
  }
}

export default {
  data,
  defer: 'ephemeral',
  check(invocation) {
    requireManageServer(invocation.memberPermissions, 'manage digests');
  },
  execute: run,
  autocomplete(invocation, focused, ctx) {
    const service = ctx.digests;
    if (focused.name === 'topic')
      return ctx.topicSuggestions(focused.value, 25).map((t) => ({ name: t, value: t }));
    if (!service) return [];
    if (focused.name === 'timezone')
      return service.timeZoneChoices(focused.value).map((z) => ({ name: z, value: z }));
    if (focused.name === 'name' && invocation.guildId)
      return service.nameChoices(invocation.guildId, focused.value).map((n) => ({ name: n, value: n }));
    return [];
  },
} satisfies Command;
