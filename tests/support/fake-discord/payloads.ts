import type { ChannelSeed, MemberSeed, RoleSeed } from './types.js';
import { snowflake } from './snowflake.js';

/** A JSON object as sent over the wire. */
export type Json = Record<string, unknown>;

/** A JSON scalar as text (snowflakes arrive as strings, types and nonces may be numbers); otherwise undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** Permission bits the fake itself looks at. Any discord.js `PermissionFlagsBits` value works as well. */
export const Perm = {
  ADMINISTRATOR: 1n << 3n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  MANAGE_MESSAGES: 1n << 13n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MANAGE_GUILD: 1n << 5n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
  PIN_MESSAGES: 1n << 51n,
} as const;

/** Every permission bit up to and including PIN_MESSAGES, without ADMINISTRATOR. */
export const ALL_PERMISSIONS = ((1n << 52n) - 1n) & ~Perm.ADMINISTRATOR;

/** What @everyone can do in a fresh server (view, send, embed, attach, history, add reactions, slash commands). */
export const EVERYONE_PERMISSIONS =
  Perm.VIEW_CHANNEL |
  Perm.SEND_MESSAGES |
  Perm.EMBED_LINKS |
  Perm.ATTACH_FILES |
  Perm.READ_MESSAGE_HISTORY |
  (1n << 6n) |
  Perm.USE_APPLICATION_COMMANDS;

/** A user object (`discriminator: "0"` as for migrated usernames). */
export function userPayload(id: string, username: string, bot = false): Json {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: '0',
    avatar: null,
    avatar_decoration_data: null,
    public_flags: 0,
    flags: 0,
    primary_guild: null,
    collectibles: null,
    ...(bot ? { bot: true } : {}),
  };
}

/** A role object. */
export function rolePayload(seed: RoleSeed, fallbackId: string, managedBy?: string): Json {
  return {
    id: seed.id ?? fallbackId,
    name: seed.name,
    description: null,
    permissions: String(seed.permissions ?? 0n),
    position: seed.position ?? 0,
    color: seed.color ?? 0,
    colors: { primary_color: seed.color ?? 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: managedBy !== undefined,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
    ...(managedBy ? { tags: { bot_id: managedBy } } : {}),
  };
}

/** A guild channel object (text channel unless `type` says otherwise). */
export function channelPayload(seed: ChannelSeed, guildId: string, index: number): Json {
  return {
    id: seed.id ?? snowflake(),
    type: seed.type ?? 0,
    guild_id: guildId,
    name: seed.name,
    position: seed.position ?? index,
    permission_overwrites: (seed.overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: String(o.allow ?? 0n),
      deny: String(o.deny ?? 0n),
    })),
    topic: seed.topic ?? null,
    nsfw: seed.nsfw ?? false,
    parent_id: seed.parentId ?? null,
    last_message_id: null,
    last_pin_timestamp: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** A guild member object with its user. */
export function memberPayload(
  user: Json,
  roles: string[],
  joinedAt: string,
  nick: string | null = null,
): Json {
  return {
    user,
    roles,
    nick,
    avatar: null,
    banner: null,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
  };
}

/** Member payload for a {@link MemberSeed}. */
export function seededMember(seed: MemberSeed, joinedAt: string): Json {
  return memberPayload(
    userPayload(seed.id ?? snowflake(), seed.username),
    seed.roles ?? [],
    joinedAt,
    seed.nick,
  );
}

/** The REST guild object (GET /guilds/{id}); GUILD_CREATE adds channels, members and friends to it. */
export function guildPayload(g: {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  roles: Json[];
}): Json {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    description: null,
    home_header: null,
    splash: null,
    discovery_splash: null,
    features: [],
    banner: null,
    owner_id: g.ownerId,
    application_id: null,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    system_channel_id: null,
    system_channel_flags: 0,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    roles: g.roles,
    default_message_notifications: 0,
    mfa_level: 0,
    explicit_content_filter: 0,
    max_presences: null,
    max_members: 500000,
    max_stage_video_channel_users: 50,
    max_video_channel_users: 25,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: g.locale,
    rules_channel_id: null,
    safety_alerts_channel_id: null,
    public_updates_channel_id: null,
    premium_progress_bar_enabled: false,
    nsfw: false,
    nsfw_level: 0,
    emojis: [],
    stickers: [],
    incidents_data: null,
  };
}

/** The bot's own application (GET /applications/@me). */
export function applicationPayload(id: string, bot: Json, guildCount: number): Json {
  return {
    id,
    name: String(bot.username),
    icon: null,
    description: '',
    type: null,
    bot,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: 'f'.repeat(64),
    flags: 0,
    flags_new: '0',
    summary: '',
    tags: [],
    owner: { ...userPayload('111111111111111110', 'owner') },
    team: null,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    approximate_guild_count: guildCount,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    explicit_content_filter: 0,
    eligible_oauth2_scopes: [],
    integration_types_config: { '0': {} },
  };
}
