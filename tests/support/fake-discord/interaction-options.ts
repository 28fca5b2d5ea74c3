import { EVERYONE_PERMISSIONS, memberPayload, userPayload, type Json } from './payloads.js';
import { snowflake } from './snowflake.js';
import type { FakeState, GuildState } from './state.js';

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

const commandIds = new Map<string, string>();

/** Converts `{ topic: 'iraq', hours: 48 }` into Discord's option array, with `resolved` data for ids. */
export function buildOptions(
  state: FakeState,
  guild: GuildState,
  values: Record<string, OptionValue>,
): { options: Json[]; resolved: Json } {
  const resolved: Record<string, Record<string, Json>> = {};
  const add = (kind: string, id: string, value: Json): void => void ((resolved[kind] ??= {})[id] = value);
  const options = Object.entries(values).map(([name, raw]) => {
    const typed: TypedOption = typeof raw === 'object' ? raw : { type: inferType(raw), value: raw };
    const id = String(typed.value);
    if (typed.type === 7) {
      const channel = state.channels.get(id) ?? { id, name: 'unknown', type: 0, guild_id: guild.id };
      add('channels', id, {
        id,
        name: channel.name,
        type: channel.type,
        parent_id: channel.parent_id ?? null,
        permissions: String(state.botPermissionsIn(id)),
        guild_id: guild.id,
        flags: 0,
      });
    }
    if (typed.type === 6 || typed.type === 9) {
      const member = ensureMember(guild, id);
      add('users', id, member.user as Json);
      const rest: Json = { ...member };
      delete rest.user;
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
  const member = memberPayload(
    userPayload(userId, username ?? `user${userId.slice(-4)}`),
    [],
    guild.joinedAt,
  );
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
