import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Command } from '../src/interactions/command.js';
import { requireManageServer } from '../src/interactions/moderation.js';
import { statusText } from '../src/interactions/status.js';
import { english, localizations } from '../src/i18n/index.js';

const data = new SlashCommandBuilder()
  .setName('newsdesk')
  .setDescription(english('cmd.newsdesk'))
  .setDescriptionLocalizations(localizations('cmd.newsdesk'))
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('status')
      .setDescription(english('cmd.newsdesk.status'))
      .setDescriptionLocalizations(localizations('cmd.newsdesk.status')),
  );

export default {
  data,
  defer: 'ephemeral',
  check(invocation) {
    requireManageServer(invocation.memberPermissions, 'see the bot’s status');
  },
  async execute(invocation, ctx) {
    const { guildId } = invocation;
    const text = statusText({
      status: ctx.status.snapshot(),
      guildId,
      serverFeeds: guildId ? ctx.ingest.listFeeds(guildId) : [],
      operatorFeeds: ctx.ingest.listFeeds(null),
      digests: guildId && ctx.digests ? ctx.digests.list(guildId) : null,
      locale: invocation.locale,
    });
    return { kind: 'text', ephemeral: true, text };
  },
} satisfies Command;
