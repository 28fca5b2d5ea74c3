import {
  ALL_PERMISSIONS,
  EVERYONE_PERMISSIONS,
  Perm,
  channelPayload,
  guildPayload,
  memberPayload,
  rolePayload,
  seededMember,
  userPayload,
  scalarText,
  type Json,
} from './payloads.js';
import { snowflake } from './snowflake.js';
import type { GuildSeed } from './types.js';

/** A guild the fake knows, with API-shaped roles, channels and members. */
export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  joinedAt: string;
  roles: Json[];
  channels: Json[];
  members: Json[];
}

/** An interaction the fake dispatched, and what the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  guildId: string | null;
  channelId: string;
  user: Json;
  commandName: string | null;
  /** `performance.now()` when INTERACTION_CREATE was sent (deadlines use this clock, so fake timers don't move them). */
  createdAt: number;
  /** Accepted callbacks (there is at most one); `at` is `performance.now()`. */
  callbacks: { type: number; data: unknown; at: number }[];
  originalMessageId: string | null;
  followupIds: string[];
  /** For component interactions: the message holding the component. */
  sourceMessageId: string | null;
  /** Choices answered to an autocomplete interaction. */
  choices: unknown[] | null;
}

/** How a channel behaves for the bot: normal, gone (10003) or not visible (50001). */
export type ChannelAccess = 'ok' | 'unknown' | 'no-access';

/** The fake's world: guilds, channels, messages, pins, interactions and registered commands. */
export class FakeState {
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, Json>();
  readonly messages = new Map<string, Json>();
  readonly pins = new Map<string, { messageId: string; pinnedAt: string }[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly commands = new Map<string, Json[]>();
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly access = new Map<string, ChannelAccess>();
  readonly denied = new Map<string, bigint>();
  readonly botUser: Json;

  constructor(
    readonly applicationId: string,
    botUserId: string,
    botUsername: string,
    readonly botPermissions: bigint = ALL_PERMISSIONS,
  ) {
    this.botUser = userPayload(botUserId, botUsername, true);
  }

  /** Adds a guild from a seed; returns its state. The bot gets a managed role with {@link botPermissions}. */
  addGuild(seed: GuildSeed, index: number): GuildState {
    const id = seed.id ?? snowflake();
    const joinedAt = new Date().toISOString();
    const roles = (seed.roles ?? []).map((r, i) => rolePayload({ position: i + 1, ...r }, snowflake()));
    if (!roles.some((r) => r.id === id)) {
      roles.unshift(rolePayload({ id, name: '@everyone', permissions: EVERYONE_PERMISSIONS }, id));
    }
    const botRole = rolePayload(
      { name: String(this.botUser.username), permissions: this.botPermissions, position: roles.length },
      snowflake(),
      String(this.botUser.id),
    );
    roles.push(botRole);
    const channels = (seed.channels ?? [{ name: 'general' }]).map((c, i) => channelPayload(c, id, i));
    const members = [
      memberPayload(this.botUser, [String(botRole.id)], joinedAt),
      ...(seed.members ?? []).map((m) => seededMember(m, joinedAt)),
    ];
    const ownerId = seed.ownerId ?? scalarText((members[1]?.user as Json | undefined)?.id) ?? snowflake();
    const guild: GuildState = {
      id,
      name: seed.name ?? `Fake Guild ${index + 1}`,
      ownerId,
      locale: seed.locale ?? 'en-US',
      joinedAt,
      roles,
      channels,
      members,
    };
    this.guilds.set(id, guild);
    for (const channel of channels) this.channels.set(String(channel.id), channel);
    return guild;
  }

  /** The REST guild object of a guild. */
  guildObject(guild: GuildState): Json {
    return guildPayload(guild);
  }

  /** The bot's effective permissions in a channel (its role permissions minus what a test denied). */
  botPermissionsIn(channelId: string): bigint {
    return this.botPermissions & ~(this.denied.get(channelId) ?? 0n);
  }

  /** Whether the bot holds every bit of `perm` in the channel. */
  botCan(channelId: string, perm: bigint): boolean {
    const perms = this.botPermissionsIn(channelId);
    return (perms & Perm.ADMINISTRATOR) !== 0n || (perms & perm) === perm;
  }

  /** Messages of a channel visible through channel routes (not ephemeral), oldest first. */
  channelMessages(channelId: string): Json[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !isEphemeral(m));
  }

  /** Stores a message and returns it. */
  putMessage(message: Json): Json {
    this.messages.set(String(message.id), message);
    const channel = this.channels.get(String(message.channel_id));
    if (channel && !isEphemeral(message)) channel.last_message_id = message.id;
    return message;
  }

  /** The pins of a channel, newest first. */
  pinsOf(channelId: string): { messageId: string; pinnedAt: string }[] {
    let list = this.pins.get(channelId);
    if (!list) this.pins.set(channelId, (list = []));
    return list;
  }

  /** The interaction a webhook token belongs to, if any. */
  interactionByToken(token: string): InteractionRecord | undefined {
    for (const i of this.interactions.values()) if (i.token === token) return i;
    return undefined;
  }
}

/** Whether a message carries the EPHEMERAL flag (1 << 6). */
export function isEphemeral(message: Json): boolean {
  return (Number(message.flags ?? 0) & 64) !== 0;
}
