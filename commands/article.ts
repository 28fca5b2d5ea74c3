import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Command } from '../src/interactions/command.js';
import { requirePinPermission } from '../src/interactions/moderation.js';
import { safeText } from '../src/briefing/sanitize.js';

const data = new SlashCommandBuilder()
  .setName('article')
  .setDescription('Add a news article to the store (moderators)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Fetch a web page and store its article')
      .addStringOption((o) =>
        o.setName('url').setDescription('The article address, https://…').setRequired(true).setMaxLength(500),
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
        text: `Could not store it: ${safeText(item.reason ?? 'unknown reason', 300)}`,
      };
    const what =
      item.status === 'added' ? 'Stored' : item.status === 'updated' ? 'Updated' : 'Already stored';
    return {
      kind: 'text',
      ephemeral: true,
      text: `${what}: “${safeText(item.title, 200)}” (article ${item.articleId}). It can now appear in /news.`,
    };
  },
} satisfies Command;
