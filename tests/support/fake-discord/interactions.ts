import { EVERYONE_PERMISSIONS, memberPayload, userPayload, type Json } from './payloads.js';
import { interactionToken, snowflake } from './snowflake.js';
import type { FakeState, GuildState, InteractionRecord } from './state.js';

/** An option value with an explicit Discord option type (3 string, 4 integer, 5 boolean, 6 user, 7 channel, ...). */
export interface TypedOption {
  type: number;
  value: string | number | boolean;
}

/** A slash-command option value: plain JS values get their type inferred, or give a {@link TypedOption}. */
export type OptionValue = string | number | boolean | TypedOption;

/** Helpers for explicitly typed options: `opt.channel('123')`, `opt.number(2)` (2 would infer as integer). */
export const opt = {
  string: (value: string): TypedOption => ({ type: 3, value }),
  integer: (value: number): TypedOption => ({ type: 4, value }),
  boolean: (value: boolean): TypedOption => ({ type: 5, value }),
  user: (id: string): TypedOption => ({ type: 6, value: id }),
  channel: (id: string): TypedOption => ({ type: 7, value: id }),
  role: (id: string): TypedOption => ({ type: 8, value: id }),
  mentionable: (id: string): TypedOption => ({ type: 9, value: id }),
  number: (value: number): TypedOption => ({ type: 10, value }),
};

/** Who invokes an interaction and where. Defaults: first guild, its first channel, a plain member. */
export interface InvokeOptions {
  guildId?: string;
  channelId?: string;
  userId?: string;
  username?: string;
  /** The member's permissions (bigint or decimal string); default: what @everyone gets. */
  memberPermissions?: bigint | string;
  /** The bot's permissions in the channel; default: its role minus what was denied there. */
  appPermissions?: bigint | string;
  locale?: string;
}

/** Extra options of `command()` / `autocomplete()`. */
export interface CommandInvokeOptions extends InvokeOptions {
  subcommand?: string;
  group?: string;
  /** For autocomplete: the option being typed (default: the last one). */
  focused?: string;
}

/** Everything needed to dispatch one interaction. */
export interface BuiltInteraction {
  record: InteractionRecord;
  payload: Json;
}

const commandIds = new Map<string, string>();

/** Converts `{ topic: 'iraq', hours: 48 }` into Discord's option array, with `resolved` data for ids. */
export function buildOptions(state: FakeState, guild: GuildState, values: Record<string, OptionValue>): { options: Json[]; resolved: Json } {
  const resolved: Record<string, Record<string, Json>> = {};
  const add = (kind: string, id: string, value: Json): void => void ((resolved[kind] ??= {})[id] = value);
  const options = Object.entries(values).map(([name, raw]) => {
    const typed: TypedOption = typeof raw === 'object' ? raw : { type: inferType(raw), value: raw };
    const id = String(typed.value);
    if (typed.type === 7) {
      const channel = state.channels.get(id) ?? { id, name: 'unknown', type: 0, guild_id: guild.id };
      add('channels', id, { id, name: channel.name, type: channel.type, parent_id: channel.parent_id ?? null,
        permissions: String(state.botPermissionsIn(id)), guild_id: guild.id, flags: 0 });
    }
    if (typed.type === 6 || typed.type === 9) {
      const member = ensureMember(guild, id);
      add('users', id, member.user as Json);
      const { user: _user, ...rest } = member;
      add('members', id, { ...rest, permissions: String(EVERYONE_PERMISSIONS) });
    }
    if (typed.type === 8) {
      const role = guild.roles.find((r) => r.id === id);
      if (role) add('roles', id, role);
    }
    return { name, type: typed.type, value: typed.value };
  });
  return { options, resolved };
}

function inferType(value: string | number | boolean): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

/** Finds a guild member by user id, adding one named `user1234` if absent. */
export function ensureMember(guild: GuildState, userId: string, username?: string): Json {
  const found = guild.members.find((m) => (m.user as Json).id === userId);
  if (found) return found;
  const member = memberPayload(userPayload(userId, username ?? `user${userId.slice(-4)}`), [], guild.joinedAt);
  guild.members.push(member);
  return member;
}

/** The id a command name is known by: the deployed command's id, or a stable made-up one. */
export function commandIdFor(state: FakeState, name: string, guildId: string): string {
  for (const scope of [guildId, 'global']) {
    const found = state.commands.get(scope)?.find((c) => c.name === name);
    if (found) return String(found.id);
  }
  let id = commandIds.get(name);
  if (!id) commandIds.set(name, (id = snowflake()));
  return id;
}

/** Builds a realistic guild interaction payload of `type` with `data`, plus the fake's record of it. */
export function buildInteraction(state: FakeState, type: number, data: Json, o: InvokeOptions, extra: Json = {}): BuiltInteraction {
  const guild = (o.guildId ? state.guilds.get(o.guildId) : state.guilds.values().next().value) as GuildState | undefined;
  if (!guild) throw new Error(`fake-discord: unknown guild ${o.guildId ?? '(none seeded)'}`);
  const channel = state.channels.get(o.channelId ?? String(guild.channels[0]?.id));
  if (!channel) throw new Error(`fake-discord: unknown channel ${o.channelId ?? '(guild has none)'}`);
  const channelId = String(channel.id);
  const defaultUser = guild.members.find((m) => !(m.user as Json).bot);
  const member = ensureMember(guild, o.userId ?? String((defaultUser?.user as Json | undefined)?.id ?? snowflake()),
    o.username ?? (defaultUser ? undefined : 'tester'));
  const permissions = String(o.memberPermissions ?? EVERYONE_PERMISSIONS);
  const id = snowflake();
  const token = interactionToken(id);
  const payload: Json = {
    app_permissions: String(o.appPermissions ?? state.botPermissionsIn(channelId)),
    application_id: state.applicationId,
    attachment_size_limit: 10_485_760,
    authorizing_integration_owners: { '0': guild.id },
    channel: { ...channel, permissions },
    channel_id: channelId,
    context: 0,
    entitlement_sku_ids: [],
    entitlements: [],
    guild: { id: guild.id, locale: guild.locale, features: [] },
    guild_id: guild.id,
    guild_locale: guild.locale,
    id,
    locale: o.locale ?? 'en-US',
    member: { ...member, permissions },
    token,
    type,
    version: 1,
    data,
    ...extra,
  };
  const record: InteractionRecord = {
    id, token, type, guildId: guild.id, channelId, user: member.user as Json,
    commandName: typeof data.name === 'string' ? data.name : null, createdAt: performance.now(), callbacks: [],
    originalMessageId: null, followupIds: [], sourceMessageId: null, choices: null,
  };
  return { record, payload };
}
