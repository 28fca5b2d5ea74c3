import type { ChannelInfo } from '../interactions/channel-ops.js';

/**
 * The console's pretend Discord server: a fixed id (its digests and feeds are stored in the same
 * database under it), a couple of text channels, the console user as its admin, and the bot.
 */
export const PRETEND_SERVER = {
  guildId: '100000000000000000',
  name: 'newsdesk console',
  /** The channel commands are typed in. */
  homeChannelId: '100000000000000001',
  channels: [
    { id: '100000000000000001', name: 'general' },
    { id: '100000000000000002', name: 'news' },
  ],
  user: { id: '100000000000000010', name: 'console' },
  bot: { id: '100000000000000099', name: 'newsdesk' },
} as const;

/** Every permission bit: the console user is the pretend server's admin (and the bot may do anything there). */
export const ALL_PERMISSIONS = (1n << 64n) - 1n;

/** A pretend channel by id. */
export function pretendChannel(id: string): ChannelInfo | null {
  const found = PRETEND_SERVER.channels.find((c) => c.id === id);
  return found ? { id, guildId: PRETEND_SERVER.guildId, name: found.name, textBased: true } : null;
}

/** A pretend channel's id from what is typed: `#news`, `news`, `<#id>` or the id. */
export function channelIdByName(text: string): string | null {
  const t = text.trim();
  const id = /^<?#?(\d{15,25})>?$/.exec(t)?.[1];
  if (id) return pretendChannel(id) ? id : null;
  const name = t.replace(/^#/, '').toLowerCase();
  return PRETEND_SERVER.channels.find((c) => c.name === name)?.id ?? null;
}

/** The names the markup renderer shows for mentions in the pretend server. */
export const pretendNames = {
  channelName: (id: string): string | null => pretendChannel(id)?.name ?? null,
  userName: (id: string): string | null =>
    id === PRETEND_SERVER.user.id || id === 'console'
      ? PRETEND_SERVER.user.name
      : id === PRETEND_SERVER.bot.id
        ? PRETEND_SERVER.bot.name
        : null,
  roleName: (): string | null => null,
};
