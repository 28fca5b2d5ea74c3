import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { safeText } from '../src/briefing/sanitize.js';
import { fitLines } from '../src/interactions/fit-lines.js';
import { requireManageServer } from '../src/interactions/moderation.js';
import type { Command } from '../src/interactions/command.js';
import { UserFacingError } from '../src/errors.js';
import type { FeedRecord } from '../src/ingest/feed-registry.js';
import { english, localizations, msg, t } from '../src/i18n/index.js';

const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription(english('cmd.feeds'))
  .setDescriptionLocalizations(localizations('cmd.feeds'))
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription(english('cmd.feeds.add'))
      .setDescriptionLocalizations(localizations('cmd.feeds.add'))
      .addStringOption((o) =>
        o
          .setName('url')
          .setDescription(english('cmd.feeds.add.url'))
          .setDescriptionLocalizations(localizations('cmd.feeds.add.url'))
          .setRequired(true)
          .setMaxLength(500),
      )
      .addStringOption((o) =>
        o
          .setName('topic')
          .setDescription(english('cmd.feeds.add.topic'))
          .setDescriptionLocalizations(localizations('cmd.feeds.add.topic'))
          .setMaxLength(60),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('list')
      .setDescription(english('cmd.feeds.list'))
      .setDescriptionLocalizations(localizations('cmd.feeds.list')),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription(english('cmd.feeds.remove'))
      .setDescriptionLocalizations(localizations('cmd.feeds.remove'))
      .addStringOption((o) =>
        o
          .setName('feed')
          .setDescription(english('cmd.feeds.remove.feed'))
          .setDescriptionLocalizations(localizations('cmd.feeds.remove.feed'))
          .setRequired(true)
          .setAutocomplete(true),
      ),
  );

const ts = (ms: number, style = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;
/** Feed titles and errors are untrusted text: no Markdown effects, no mentions. */
const safe = (text: string) => safeText(text, 200);

/** One line of /feeds list, in `locale`'s language. */
export function describeFeed(f: FeedRecord, locale?: string): string {
  const name = `\`${f.id}\` ${f.title ? `**${safe(f.title)}** <${f.url}>` : `<${f.url}>`}${f.topic ? ` · ${safe(f.topic)}` : ''}`;
  if (f.disabledReason)
    return `${name}\n  ${t(locale, 'feeds.disabled', { reason: safe(f.disabledReason) })}`;
  const health = f.failingSince
    ? t(locale, 'feeds.failing', {
        since: ts(f.failingSince),
        count: f.failures,
        error: f.lastError ? safe(f.lastError) : t(locale, 'feeds.unknownError'),
      })
    : f.lastOkAt
      ? t(locale, 'feeds.lastRead', { when: ts(f.lastOkAt) })
      : t(locale, 'feeds.notRead');
  return `${name}\n  ${t(locale, 'feeds.line', { health, count: f.itemsStored, next: ts(f.nextPollAt) })}`;
}

function feedId(text: string, feeds: FeedRecord[]): number {
  const byId = feeds.find((f) => String(f.id) === text.trim());
  const byUrl = feeds.find((f) => f.url === text.trim());
  const found = byId ?? byUrl;
  if (!found) throw new UserFacingError(msg('feeds.noSuchFeed'));
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
    const { options, guildId, locale } = invocation;
    const ingest = ctx.ingest;
    if (options.subcommand === 'add') {
      const { feed, created, stored, items } = await ingest.addFeed({
        url: options.getString('url')!,
        guildId,
        topic: options.getString('topic'),
        addedBy: invocation.userId,
      });
      const key = created
        ? 'feeds.added'
        : feed.disabledReason === null
          ? 'feeds.updated'
          : 'feeds.reenabled';
      return {
        kind: 'text',
        ephemeral: true,
        text: t(locale, key, {
          title: safe(feed.title ?? feed.url),
          items: t(locale, 'feeds.itemsRead', { count: items }),
          stored: t(locale, 'feeds.newStored', { count: stored }),
          every: t(locale, 'feeds.minutes', { count: Math.round(feed.intervalMs / 60_000) }),
        }),
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
        text: t(locale, 'feeds.removed', { id: String(id) }),
      };
    }
    const feeds = ingest.listFeeds(guildId);
    const operator = guildId ? ingest.listFeeds(null).length : 0;
    const lines = feeds.map((f) => describeFeed(f, locale));
    const footer = operator ? `\n${t(locale, 'feeds.operator', { count: operator })}` : '';
    return {
      kind: 'text',
      ephemeral: true,
      text: lines.length
        ? fitLines(lines, footer, undefined, undefined, locale)
        : `${t(locale, 'feeds.none')}${footer}`,
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
