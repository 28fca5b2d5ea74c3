import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { safeText } from '../src/briefing/sanitize.js';
import { fitLines } from '../src/interactions/fit-lines.js';
import { requireManageServer } from '../src/interactions/moderation.js';
import type { Command } from '../src/interactions/command.js';
import { UserFacingError } from '../src/errors.js';
import type { FeedRecord } from '../src/ingest/feed-registry.js';
import { countText } from '../src/interactions/plural.js';

const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription('News feeds this server reads (admins)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Add an RSS, Atom or JSON feed (or re-enable a disabled one)')
      .addStringOption((o) =>
        o.setName('url').setDescription('The feed address, https://…').setRequired(true).setMaxLength(500),
      )
      .addStringOption((o) =>
        o.setName('topic').setDescription('A label for what the feed covers').setMaxLength(60),
      ),
  )
  .addSubcommand((s) => s.setName('list').setDescription("This server's feeds and how they are doing"))
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Stop reading a feed (its stored articles stay)')
      .addStringOption((o) =>
        o.setName('feed').setDescription('Which feed').setRequired(true).setAutocomplete(true),
      ),
  );

const ts = (ms: number, style = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;
/** Feed titles and errors are untrusted text: no Markdown effects, no mentions. */
const safe = (text: string) => safeText(text, 200);

/** One line of /feeds list. */
export function describeFeed(f: FeedRecord): string {
  const name = `\`${f.id}\` ${f.title ? `**${safe(f.title)}** <${f.url}>` : `<${f.url}>`}${f.topic ? ` · ${safe(f.topic)}` : ''}`;
  if (f.disabledReason)
    return `${name}\n  ⛔ disabled: ${safe(f.disabledReason)} — \`/feeds add\` it again to retry`;
  const health = f.failingSince
    ? `⚠️ failing since ${ts(f.failingSince)} (${f.failures}×): ${safe(f.lastError ?? 'unknown error')}`
    : f.lastOkAt
      ? `✅ last read ${ts(f.lastOkAt)}`
      : '⏳ not read yet';
  return `${name}\n  ${health} · ${countText(f.itemsStored, 'article')} · next ${ts(f.nextPollAt)}`;
}

function feedId(text: string, feeds: FeedRecord[]): number {
  const byId = feeds.find((f) => String(f.id) === text.trim());
  const byUrl = feeds.find((f) => f.url === text.trim());
  const found = byId ?? byUrl;
  if (!found) throw new UserFacingError('No such feed on this server. `/feeds list` shows them.');
  return found.id;
}

export default {
  data,
  defer: 'ephemeral',
  check(invocation) {
    if (invocation.options.subcommand !== 'list')
      requireManageServer(invocation.memberPermissions, 'change feeds');
  },
  async execute(invocation, ctx) {
    const { options, guildId } = invocation;
    const ingest = ctx.ingest;
    if (options.subcommand === 'add') {
      const { feed, created, stored, items } = await ingest.addFeed({
        url: options.getString('url')!,
        guildId,
        topic: options.getString('topic'),
        addedBy: invocation.userId,
      });
      const verb = created ? 'Added' : feed.disabledReason === null ? 'Updated' : 'Re-enabled';
      return {
        kind: 'text',
        ephemeral: true,
        text: `${verb} **${safe(feed.title ?? feed.url)}**: ${countText(items, 'item')} read, ${countText(stored, 'newArticle')} stored. It is read every ${countText(Math.round(feed.intervalMs / 60_000), 'minute')}.`,
      };
    }
    if (options.subcommand === 'remove') {
      const id = feedId(options.getString('feed')!, ingest.listFeeds(guildId));
      ingest.removeFeed(id, guildId);
      ctx.logger.info(
        { audit: 'feed_removed', feedId: id, guildId, userId: invocation.userId },
        'feed removed',
      );
      return {
        kind: 'text',
        ephemeral: true,
        text: `Removed feed \`${id}\`. Its articles stay in the store.`,
      };
    }
    const feeds = ingest.listFeeds(guildId);
    const operator = guildId ? ingest.listFeeds(null).length : 0;
    const lines = feeds.map(describeFeed);
    const footer = operator ? `\n(plus ${countText(operator, 'feed')} set up by the bot's operator)` : '';
    return {
      kind: 'text',
      ephemeral: true,
      text: lines.length
        ? fitLines(lines, footer)
        : `No feeds on this server yet. Add one with \`/feeds add url:https://…\`.${footer}`,
    };
  },
  autocomplete(invocation, focused, ctx) {
    const q = focused.value.toLowerCase();
    return ctx.ingest
      .listFeeds(invocation.guildId)
      .filter(
        (f) =>
          !q ||
          f.url.toLowerCase().includes(q) ||
          (f.title ?? '').toLowerCase().includes(q) ||
          String(f.id) === q,
      )
      .slice(0, 25)
      .map((f) => ({ name: `${f.id} · ${f.title ?? f.url}`.slice(0, 100), value: String(f.id) }));
  },
} satisfies Command;
