import { buildMessage } from './messages.js';
import { buildOptions, commandIdFor, ensureMember, type OptionValue } from './interaction-options.js';
import { EVERYONE_PERMISSIONS, scalarText, type Json } from './payloads.js';
import { interactionToken, snowflake } from './snowflake.js';
import type { FakeState, GuildState, InteractionRecord } from './state.js';

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
  /**
   * Several connections of the same shard (two bot processes): deliver to only the n-th of them, in the
   * order they identified (modulo their number), as Discord gives one event to one connection.
   */
  session?: number;
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

/** Builds a realistic guild interaction payload of `type` with `data`, plus the fake's record of it. */
export function buildInteraction(
  state: FakeState,
  type: number,
  data: Json,
  o: InvokeOptions,
  extra: Json = {},
): BuiltInteraction {
  const guild = guildOf(state, o.guildId);
  const channel = state.channels.get(o.channelId ?? String(guild.channels[0]?.id));
  if (!channel) throw new Error(`fake-discord: unknown channel ${o.channelId ?? '(guild has none)'}`);
  const channelId = String(channel.id);
  const defaultUser = guild.members.find((m) => !(m.user as Json).bot);
  const member = ensureMember(
    guild,
    o.userId ?? scalarText((defaultUser?.user as Json | undefined)?.id) ?? snowflake(),
    o.username ?? (defaultUser ? undefined : 'tester'),
  );
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
    id,
    token,
    type,
    guildId: guild.id,
    channelId,
    user: member.user as Json,
    commandName: typeof data.name === 'string' ? data.name : null,
    createdAt: performance.now(),
    callbacks: [],
    originalMessageId: null,
    followupIds: [],
    sourceMessageId: null,
    choices: null,
  };
  return { record, payload };
}

/** A chat-input command (type 2) or autocomplete (type 4) interaction for `name` with inferred option types. */
export function buildCommandInteraction(
  state: FakeState,
  type: 2 | 4,
  name: string,
  values: Record<string, OptionValue>,
  o: CommandInvokeOptions,
): BuiltInteraction {
  const guild = guildOf(state, o.guildId);
  const { options: given, resolved } = buildOptions(state, guild, values);
  let options = given;
  if (type === 4) {
    const focused = o.focused ?? options.at(-1)?.name;
    options = options.map((x) => (x.name === focused ? { ...x, value: String(x.value), focused: true } : x));
  }
  if (o.subcommand) options = [{ type: 1, name: o.subcommand, options }];
  if (o.group) options = [{ type: 2, name: o.group, options }];
  const data: Json = { id: commandIdFor(state, name, guild.id), name, type: 1, options };
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  if (state.commands.get(guild.id)?.some((c) => c.name === name)) data.guild_id = guild.id;
  return buildInteraction(state, type, data, { ...o, guildId: guild.id });
}

/**
 * A message command (application command type 3, interaction type 2) used on the stored message
 * `messageId`: `data.target_id` and the message in `data.resolved.messages`, as Discord sends them.
 */
export function buildMessageCommandInteraction(
  state: FakeState,
  name: string,
  messageId: string,
  o: InvokeOptions,
): BuiltInteraction {
  const message = state.messages.get(messageId);
  if (!message) throw new Error(`fake-discord: unknown message ${messageId}`);
  const guild = guildOf(state, o.guildId);
  const data: Json = {
    id: commandIdFor(state, name, guild.id),
    name,
    type: 3,
    target_id: messageId,
    resolved: { messages: { [messageId]: message } },
  };
  if (state.commands.get(guild.id)?.some((c) => c.name === name)) data.guild_id = guild.id;
  return buildInteraction(state, 2, data, {
    ...o,
    guildId: guild.id,
    channelId: o.channelId ?? String(message.channel_id),
  });
}

/** A button click (type 3) on `o.messageId`, or on a fresh bot message carrying a button with `customId`. */
export function buildButtonInteraction(
  state: FakeState,
  customId: string,
  o: InvokeOptions & { messageId?: string },
): BuiltInteraction {
  const channelId = o.channelId ?? String(guildOf(state, o.guildId).channels[0]?.id);
  const message = o.messageId
    ? state.messages.get(o.messageId)
    : state.putMessage(
        buildMessage(
          state,
          {
            content: 'message with a button',
            components: [
              { type: 1, components: [{ type: 2, style: 2, label: 'Button', custom_id: customId }] },
            ],
          },
          [],
          { channelId, author: state.botUser },
        ),
      );
  if (!message) throw new Error(`fake-discord: unknown message ${o.messageId ?? ''}`);
  const built = buildInteraction(
    state,
    3,
    { custom_id: customId, component_type: 2 },
    { ...o, channelId },
    { message },
  );
  built.record.sourceMessageId = String(message.id);
  return built;
}

function guildOf(state: FakeState, guildId: string | undefined): GuildState {
  const guild = guildId ? state.guilds.get(guildId) : state.guilds.values().next().value;
  if (!guild) throw new Error(`fake-discord: unknown guild ${guildId ?? '(none seeded)'}`);
  return guild;
}
