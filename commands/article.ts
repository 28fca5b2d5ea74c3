import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Command } from '../src/interactions/command.js';
import { requirePinPermission } from '../src/interactions/moderation.js';
import { safeText } from '../src/briefing/sanitize.js';
import { english, localizations, t } from '../src/i18n/index.js';

const data = new SlashCommandBuilder()
  .setName('article')
  .setDescription(english('cmd.article'))
  .setDescriptionLocalizations(localizations('cmd.article'))
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription(english('cmd.article.add'))
      .setDescriptionLocalizations(localizations('cmd.article.add'))
      .addStringOption((o) =>
        o
          .setName('url')
          .setDescription(english('cmd.article.add.url'))
          .setDescriptionLocalizations(localizations('cmd.article.add.url'))
          .setRequired(true)
          .setMaxLength(500),
      ),
  );

export default {
  data,
  defer: 'ephemeral',
  check(invocation) {
    requirePinPermission(invocation.memberPermissions, 'add articles');
  },
  async execute(invocation, ctx) {
    const item = await ctx.ingest.addPage(invocation.options.getString('url')!);
    ctx.logger.info(
      {
        audit: 'article_added',
        userId: invocation.userId,
        guildId: invocation.guildId,
        articleId: item.articleId,
        status: item.status,
      },
      'article added',
    );
    if (item.status === 'failed')
      return {
        kind: 'text',
        ephemeral: true,
        text: t(invocation.locale, 'article.failed', {
          reason: item.reason ? safeText(item.reason, 300) : t(invocation.locale, 'article.unknownReason'),
        }),
      };
    const key =
      item.status === 'added'
        ? 'article.added'
        : item.status === 'updated'
          ? 'article.updated'
          : 'article.unchanged';
    return {
      kind: 'text',
      ephemeral: true,
      text: t(invocation.locale, key, {
        title: safeText(item.title, 200),
        id: String(item.articleId),
      }),
    };
  },
} satisfies Command;
