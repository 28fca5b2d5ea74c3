import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Command } from '../src/interactions/command.js';
import { requireManageServer } from '../src/interactions/moderation.js';
import { statusText } from '../src/interactions/status.js';

const data = new SlashCommandBuilder()
  .setName('newsdesk')
  .setDescription('About the bot itself (admins)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('status')
      .setDescription('Version, articles, feeds, cache, LLM use today, next digests, uptime'),
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
    });
    return { kind: 'text', ephemeral: true, text };
  },
} satisfies Command;
