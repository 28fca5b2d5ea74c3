import { SlashCommandBuilder, type SlashCommandStringOption } from '@discordjs/builders';
import { ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { BriefingLength } from '../src/briefing/types.js';
import { lengthChoices } from '../src/interactions/briefing-request.js';
import { LANGUAGES, LANGUAGE_NAMES, english, localizations, msg, t } from '../src/i18n/index.js';
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
  languageName,
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
    .setDescription(english('cmd.digest.name'))
    .setDescriptionLocalizations(localizations('cmd.digest.name'))
    .setRequired(required)
    .setMaxLength(40)
    .setAutocomplete(true);

const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription(english('cmd.digest'))
  .setDescriptionLocalizations(localizations('cmd.digest'))
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('set')
      .setDescription(english('cmd.digest.set'))
      .setDescriptionLocalizations(localizations('cmd.digest.set'))
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription(english('cmd.digest.set.channel'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.channel'))
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o
          .setName('time')
          .setDescription(english('cmd.digest.set.time'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.time'))
          .setRequired(true)
          .setMaxLength(10),
      )
      .addStringOption((o) =>
        o
          .setName('timezone')
          .setDescription(english('cmd.digest.set.timezone'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.timezone'))
          .setRequired(true)
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addStringOption((o) =>
        o
          .setName('topic')
          .setDescription(english('cmd.digest.set.topic'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.topic'))
          .setMaxLength(100)
          .setAutocomplete(true),
      )
      .addStringOption((o) =>
        o
          .setName('length')
          .setDescription(english('cmd.digest.set.length'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.length'))
          .addChoices(...lengthChoices()),
      )
      .addBooleanOption((o) =>
        o
          .setName('pin')
          .setDescription(english('cmd.digest.set.pin'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.pin')),
      )
      .addBooleanOption((o) =>
        o
          .setName('quiet')
          .setDescription(english('cmd.digest.set.quiet'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.quiet')),
      )
      .addStringOption((o) =>
        o
          .setName('name')
          .setDescription(english('cmd.digest.set.name'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.name'))
          .setMaxLength(40),
      )
      .addStringOption((o) =>
        o
          .setName('language')
          .setDescription(english('cmd.digest.set.language'))
          .setDescriptionLocalizations(localizations('cmd.digest.set.language'))
          .addChoices(
            {
              name: english('choice.language.server'),
              name_localizations: localizations('choice.language.server'),
              value: 'server',
            },
            ...LANGUAGES.map((l) => ({ name: LANGUAGE_NAMES[l], value: l })),
          ),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('list')
      .setDescription(english('cmd.digest.list'))
      .setDescriptionLocalizations(localizations('cmd.digest.list')),
  )
  .addSubcommand((s) =>
    s
      .setName('preview')
      .setDescription(english('cmd.digest.preview'))
      .setDescriptionLocalizations(localizations('cmd.digest.preview'))
      .addStringOption(nameOption(false)),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription(english('cmd.digest.remove'))
      .setDescriptionLocalizations(localizations('cmd.digest.remove'))
      .addStringOption(nameOption(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('pause')
      .setDescription(english('cmd.digest.pause'))
      .setDescriptionLocalizations(localizations('cmd.digest.pause'))
      .addStringOption(nameOption(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('resume')
      .setDescription(english('cmd.digest.resume'))
      .setDescriptionLocalizations(localizations('cmd.digest.resume'))
      .addStringOption(nameOption(true)),
  );

/** The digest service (absent in processes that cannot post, e.g. one-shot CLI commands). */
function digestsOf(ctx: CommandContext): DigestService {
  const service = ctx.digests;
  if (!service) throw new UserFacingError(msg('digest.unavailable'));
  return service;
}

function guildOf(invocation: Pick<Invocation, 'guildId'>): string {
  if (!invocation.guildId) throw new UserFacingError(msg('digest.needsServer'));
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
  const { options, locale } = invocation;
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
        // Posts follow the server's language (guild_locale), unless `language:` overrides it.
        locale: invocation.guildLocale ?? invocation.locale ?? null,
        language: options.getString('language'),
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
      const about = digest.topic
        ? t(locale, 'digest.aboutTopic', { topic: safeText(digest.topic, 60, 'strip') })
        : t(locale, 'digest.aboutAll');
      const details = [
        t(locale, `choice.length.${digest.length}`),
        ...(digest.language
          ? [t(locale, 'digest.inLanguage', { language: languageName(digest.language) })]
          : []),
        ...(digest.pin ? [t(locale, 'digest.pinned')] : []),
      ].join(', ');
      const paused = digest.paused ? ` ${t(locale, 'digest.pausedHint')}` : '';
      const zone = timeZoneConfirmation(options.getString('timezone')!, locale);
      return text(
        t(locale, created ? 'digest.created' : 'digest.updated', {
          name: safeText(digest.name, 40, 'strip'),
          id: digest.id,
          about,
          channel: digest.channelId,
          when: whenText(digest, locale),
          details,
          next: nextText(nextRun, locale),
        }) +
          paused +
          (zone ? `\n${t(locale, 'zone.confirm', { reading: safeText(zone, 160) })}` : ''),
      );
    }
    case 'list': {
      const all = service.list(guildId);
      if (!all.length) return text(t(locale, 'digest.listEmpty', { max: service.maxPerGuild }));
      const head = `${t(locale, 'digest.listHead', { count: all.length, max: service.maxPerGuild })}\n\n`;
      const lines = all.map((o) => overviewText(o, locale));
      return text(head + fitLines(lines, '', LIMITS.content - head.length, '\n\n', locale));
    }
    case 'preview': {
      const preview = await service.preview(guildId, name);
      if (preview.kind === 'nothing_new')
        return text(
          t(locale, preview.digest.quietNote ? 'digest.previewQuiet' : 'digest.previewNothing', {
            name: safeText(preview.digest.name, 40, 'strip'),
            channel: preview.digest.channelId,
            when: whenText(preview.digest, locale),
            since: discordTime(preview.since),
          }),
        );
      // Private, so in the admin's language; the briefing itself is written as it would be posted.
      return {
        kind: 'briefing',
        result: preview.result,
        ephemeral: true,
        locale,
        digest: digestHeading(preview.digest, preview.since, locale),
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
      return text(t(locale, 'digest.removed', { name: safeText(digest.name, 40, 'strip') }));
    }
    case 'pause': {
      const digest = service.pause(guildId, name!, invocation.userName);
      ctx.logger.info(
        { audit: 'digest_paused', guildId, digestId: digest.id, userId: invocation.userId },
        'digest paused',
      );
      return text(t(locale, 'digest.paused', { name: safeText(digest.name, 40, 'strip'), id: digest.id }));
    }
    case 'resume': {
      const found = service.find(guildId, name!);
      if (found) checkDigestChannel(ctx, invocation, found.channelId, found.pin);
      const { digest, nextRun } = service.resume(guildId, name!);
      ctx.logger.info(
        { audit: 'digest_resumed', guildId, digestId: digest.id, userId: invocation.userId },
        'digest resumed',
      );
      return text(
        t(locale, 'digest.resumed', {
          name: safeText(digest.name, 40, 'strip'),
          next: nextText(nextRun, locale),
        }),
      );
    }
    default:
      throw new UserFacingError(msg('digest.try'));
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
